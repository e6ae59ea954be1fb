from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for development and benchmarks (`load_demo`, `generate_projects`). No models, no pages.

    Depends on the product apps (it creates organisations, users and projects through their services);
    no product app imports it.
    """

    name = "demo"
