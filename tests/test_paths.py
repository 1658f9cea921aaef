"""Where the data lives: `--data-dir`, else `$FAZHI_DATA_DIR`, else the per-user data directory."""

from __future__ import annotations

import os
import subprocess
import sys

from fazhi_desktop.paths import DATA_DIR_ENV, resolve_data_dir


def test_explicit_beats_the_environment_which_beats_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "explicit") == (tmp_path / "explicit").resolve()
    assert resolve_data_dir(None) == (tmp_path / "env").resolve()
    monkeypatch.delenv(DATA_DIR_ENV)
    default = resolve_data_dir(None)
    assert default.is_absolute() and "fazhi-desktop" in default.parts


def _run(*args: str, env_dir: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
    if env_dir:
        env[DATA_DIR_ENV] = env_dir
    return subprocess.run(
        [sys.executable, "-m", "fazhi_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )


def test_the_command_line_uses_the_environment_variable_and_the_option_overrides_it(tmp_path):
    env_dir, opt_dir = tmp_path / "环境变量目录", tmp_path / "option"
    r = _run("init", "--unit", "燕店镇", "--no-key", env_dir=str(env_dir))
    assert r.returncode == 0, r.stderr
    assert (env_dir / "fazhi.db").is_file()
    r = _run("--data-dir", str(opt_dir), "init", "--unit", "县司法局", "--no-key", env_dir=str(env_dir))
    assert r.returncode == 0, r.stderr
    assert (opt_dir / "fazhi.db").is_file()
    assert "燕店镇人民政府" in _run("progress", env_dir=str(env_dir)).stdout
    assert "县司法局" in _run("--data-dir", str(opt_dir), "progress", env_dir=str(env_dir)).stdout
