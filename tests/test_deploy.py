"""The team deployment files say what the README promises: Chroma (which has no
authentication) only on the internal network with no published port, PostgreSQL likewise,
only the app reachable; every variable the app is given is one MentorDesk reads; and the
app, started with exactly that environment, is in team mode on the servers, with the
embedded model when no key is given (compose passes an unset key as "")."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

from mentordesk.settings import Settings

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def _interpolated(value: str, given: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?message} with ``given`` as the shell."""
    def one(match: re.Match) -> str:
        name, op, rest = match.group(1), match.group(2), match.group(3) or ""
        if op == ":?" and not given.get(name):
            raise KeyError(f"{name}: {rest}")
        return given.get(name) or (rest if op == ":-" else "")
    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", one, str(value))


def test_only_the_app_is_reachable_and_chroma_never_is():
    networks = COMPOSE["networks"]
    assert networks["internal"].get("internal") is True
    services = COMPOSE["services"]
    for name in ("chroma", "postgres"):
        assert "ports" not in services[name] and services[name]["networks"] == ["internal"], name
    assert services["app"]["ports"] == ["8501:8501"]
    assert "internal" in services["app"]["networks"]


def test_the_password_must_be_chosen():
    with pytest.raises(KeyError, match="POSTGRES_PASSWORD"):
        _interpolated(COMPOSE["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"], {})


def test_every_variable_given_to_the_app_is_read_by_mentordesk():
    known = {f"MENTORDESK_{name.upper()}" for name in Settings.model_fields}
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        known.update(getattr(alias, "choices", None) or ([alias] if isinstance(alias, str) else []))
    given = set(COMPOSE["services"]["app"]["environment"])
    assert given - known == set(), "a typo, or a setting that no longer exists"


@pytest.mark.parametrize("shell, remote", [({"POSTGRES_PASSWORD": "s3cret"}, False),
                                           ({"POSTGRES_PASSWORD": "s3cret", "OPENAI_API_KEY": "sk-test"}, True)])
def test_the_app_runs_in_team_mode_on_the_servers_with_the_environment_compose_gives(monkeypatch, shell, remote):
    for name in list(__import__("os").environ):
        if name.startswith(("MENTORDESK_", "OPENAI_")):
            monkeypatch.delenv(name)
    for name, value in COMPOSE["services"]["app"]["environment"].items():
        monkeypatch.setenv(name, _interpolated(value, shell))
    settings = Settings()
    assert settings.mode == "team" and settings.chroma_host == "chroma" and settings.chroma_port == 8000
    assert settings.resolved_database_url == "postgresql+psycopg://mentordesk:s3cret@postgres/mentordesk"
    assert settings.remote_llm_configured is remote  # no key: the embedded model, not a remote one with ""
    assert settings.admin_ids == ()


def test_the_image_starts_the_app_from_the_repository_and_mounts_the_sign_in_secrets():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11" in dockerfile and "pip install --no-cache-dir -r requirements.txt" in dockerfile
    assert '"streamlit", "run", "app.py"' in dockerfile
    module = re.search(r"RUN python -m ([\w.]+)", dockerfile).group(1)
    assert (ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8").count('__name__ == "__main__"') == 1
    mounts = COMPOSE["services"]["app"]["volumes"]
    assert "./deploy/secrets.toml:/app/.streamlit/secrets.toml:ro" in mounts
    assert (ROOT / "deploy" / "secrets.toml.example").exists()
