"""X-Forwarded-Proto is believed only when the deployment says a proxy sets it (TRUST_PROXY_HEADERS=1)."""

from .test_deploy import production_setting


def test_a_client_cannot_claim_https_with_a_forwarded_header(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/om/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/om/"


def test_proxy_headers_are_trusted_only_when_configured():
    assert production_setting("SECURE_PROXY_SSL_HEADER") is None
    assert production_setting("SECURE_PROXY_SSL_HEADER", TRUST_PROXY_HEADERS="1") == ["HTTP_X_FORWARDED_PROTO", "https"]
