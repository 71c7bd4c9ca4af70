"""Team mode with sign-in: a real OpenID Connect provider on loopback, Streamlit's own `st.login`, in chromium.

The editors' group in the provider's `groups` claim makes an editor; a signed-in member of no
such group reads only; signing out takes the way to change the data away again.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import mini_tables, write_tables
from journeys import IDLE, PATIENCE, page_menu, settled, start_server, stop_server
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GROUP = "liaison-editors"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock in a thread on a free loopback port, knowing an editor and a reader."""
    from oidc_provider_mock import User, run_server_in_thread

    users = [
        User(sub="alice", claims={"name": "Alice Analyst", "email": "alice@min.example", "groups": [GROUP, "staff"]}),
        User(sub="bob", claims={"name": "Bob Reader", "email": "bob@min.example", "groups": ["staff"]}),
    ]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def signed(provider, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The dashboard in `oidc` mode, its `[auth]` secrets in a temporary file, on a writable small dataset."""
    folder = tmp_path_factory.mktemp("oidc")
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "liaison-test"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    data = write_tables(folder / "data", mini_tables())
    env = {"LIAISON_AUTH": "oidc", "LIAISON_EDITOR_GROUP": GROUP, "STREAMLIT_SECRETS_FILES": str(secrets_file)}
    process, url = start_server(data, env)
    yield url, data
    stop_server(process)


def _sign_in(page, url: str, provider: str, user: str) -> None:
    page.goto(url)
    settled(page, "Latest meetings")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider}/oauth2/authorize*", timeout=PATIENCE)
    page.get_by_placeholder("sub").fill(user)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=PATIENCE)
    settled(page, "Signed in as")


def test_a_member_of_the_editors_group_signs_in_edits_and_signs_out(browser, signed, provider) -> None:
    url, _ = signed
    context = browser.new_context(viewport={"width": 1440, "height": 1600})
    page = context.new_page()
    try:
        _sign_in(page, url, provider, "alice")
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text("Signed in as Alice Analyst: editor.")
        sidebar.get_by_role("link", name="Add meetings").click()
        settled(page, "Changes are saved as Alice Analyst.")

        page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{provider}/oauth2/end_session*", timeout=PATIENCE)
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(f"{url}/**", timeout=PATIENCE)
        page.wait_for_selector(IDLE, timeout=PATIENCE)
        expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Sign in")).to_be_visible()
        expect(page_menu(page).get_by_role("link", name="Add meetings")).to_have_count(0)
    finally:
        context.close()


def test_a_signed_in_reader_is_offered_no_way_to_change_the_data(browser, signed, provider) -> None:
    url, data = signed
    before = (data / "meetings.csv").read_bytes()
    context = browser.new_context(viewport={"width": 1440, "height": 1600})
    page = context.new_page()
    try:
        _sign_in(page, url, provider, "bob")
        expect(page.get_by_test_id("stSidebar")).to_contain_text("Signed in as Bob Reader: reader (read only).")
        expect(page_menu(page).get_by_role("link", name="Add meetings")).to_have_count(0)
        page.goto(f"{url}/add_meetings")
        page.wait_for_selector(IDLE, timeout=PATIENCE)
        expect(page.get_by_role("heading", name="Add and edit meetings")).to_have_count(0)
        assert (data / "meetings.csv").read_bytes() == before
    finally:
        context.close()
