"""Who may change the data: in `none` mode everyone, otherwise only the editors named or in the editors' group."""

from __future__ import annotations

import pytest

from liaison.dataset.access import Access, AccessError, Editor, local_editor


def test_by_default_everyone_edits_under_the_name_they_type() -> None:
    access = Access.from_environ({})
    assert access.mode == "none" and access.everyone_edits
    assert access.editor("Ana") == Editor("Ana", "Ana", "none")
    assert access.editor("") == Editor("anonymous", "anonymous", "none")


def test_an_unknown_mode_is_refused_with_the_modes_that_exist() -> None:
    with pytest.raises(AccessError, match="LIAISON_AUTH='ldap' is not one of none, header, oidc"):
        Access.from_environ({"LIAISON_AUTH": "ldap"})


def test_behind_a_proxy_only_the_named_editors_edit() -> None:
    access = Access.from_environ({"LIAISON_AUTH": "header", "LIAISON_EDITORS": " ana@min.example , bo@min.example"})
    assert access.header == "X-Forwarded-User"
    assert access.editor("ana@min.example") == Editor("ana@min.example", "ana@min.example", "header")
    assert access.editor("eve@min.example") is None
    assert access.editor(None) is None and access.editor("   ") is None


def test_the_identity_header_can_be_named() -> None:
    assert Access.from_environ({"LIAISON_AUTH": "header", "LIAISON_AUTH_HEADER": "X-Remote-User"}).header == (
        "X-Remote-User"
    )


def test_with_sign_in_the_editors_group_makes_an_editor() -> None:
    access = Access.from_environ({"LIAISON_AUTH": "oidc", "LIAISON_EDITOR_GROUP": "liaison-editors"})
    assert access.editor("carla", "Carla M.", groups=["staff", "liaison-editors"]) == Editor(
        "carla", "Carla M.", "oidc"
    )
    assert access.editor("dan", "Dan", groups=["staff"]) is None


def test_no_group_configured_means_no_one_is_an_editor_by_group() -> None:
    access = Access.from_environ({"LIAISON_AUTH": "oidc"})
    assert access.editor("carla", groups=[""]) is None


def test_identities_lose_control_and_direction_characters_and_are_bounded() -> None:
    access = Access.from_environ({})
    assert access.editor("ana\u202e\n\x00evil").identity == "ana evil"
    assert len(access.editor("x" * 1000).identity) == 200


def test_the_command_line_edits_as_the_local_user() -> None:
    editor = local_editor()
    assert editor.mode == "local" and editor.identity.startswith("local:")
