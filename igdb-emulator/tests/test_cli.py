"""The command line: startup line, clean stop, --data, and `generate`."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from typing import TYPE_CHECKING

import orjson
import pytest
import requests
from tap_igdb.endpoints import ENDPOINTS

from igdb_emulator.admin import ApiClient, run_emulator, write_jsonl

if TYPE_CHECKING:
    from pathlib import Path


def test_startup_line_and_clean_stop() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "igdb_emulator", "--port", "0", "--scale", "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    line = json.loads(process.stdout.readline())
    assert set(line) == {"url", "api_url", "auth_url"}
    assert line["url"].startswith("http://127.0.0.1:")
    assert line["api_url"] == line["url"] + "/v4"
    assert line["auth_url"] == line["url"] + "/oauth2/token"
    assert requests.get(f"{line['url']}/_emulator/counts", timeout=10).status_code == 200
    process.send_signal(signal.SIGTERM)
    assert process.wait(10) == 0
    assert process.stdout.read() == b""  # one line only; logs go to stderr


def test_data_dir_serves_files(tmp_path: Path) -> None:
    write_jsonl(
        tmp_path,
        "genres",
        [{"id": 5, "name": "Shooter", "extra": 1}, {"id": 2, "name": "Fighting"}],
    )
    with run_emulator(data=tmp_path) as emu:
        api = ApiClient(emu)
        assert api.rows("genres", "fields *; sort id asc;") == [
            {"id": 2, "name": "Fighting"},
            {"id": 5, "name": "Shooter", "extra": 1},  # served exactly as given
        ]
        assert api.rows("genres", "fields id; where extra = 1;") == [{"id": 5}]
        assert api.rows("games", "fields *;") == []  # missing file: empty endpoint
        counts = emu.admin.counts()
        assert counts["genres"] == 2
        assert counts["games"] == 0
        created = emu.admin.mutate("genres", create=1, update=[2]).created
        assert len(created) == 1
        assert created[0] > 5
        rows = {r["id"]: r for r in api.rows("genres", "fields *;")}
        assert rows[2] != {"id": 2, "name": "Fighting"}
        assert "checksum" in rows[2]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"id": 1}\n[1, 2]\n', "line 2: not a JSON object"),
        (b'{"id": 1}\n{"id": "2"}\n', 'line 2: no integer "id"'),
        (b'{"id": 1}\n\n{"name": 3}\n', 'line 3: no integer "id"'),
        (b'{"id": 1}\n{"id": 2,\n', "line 2: not valid JSON"),
        (b'{"id": 1}\n{"id": 1}\n', "duplicate id 1"),
    ],
)
def test_data_dir_errors_name_file_and_line(tmp_path: Path, content: bytes, problem: str) -> None:
    (tmp_path / "games.jsonl").write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "igdb_emulator", "--port", "0", "--data", str(tmp_path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    message = result.stderr.decode()
    assert str(tmp_path / "games.jsonl") in message
    assert problem in message


def test_generate_writes_what_the_server_serves(tmp_path: Path) -> None:
    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "igdb_emulator",
            "generate",
            "--seed",
            "5",
            "--scale",
            "80",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(f"{e.name}.jsonl" for e in ENDPOINTS)
    with run_emulator(seed=5, scale=80) as generated, run_emulator(data=out) as loaded:
        assert generated.admin.counts() == loaded.admin.counts()
        for name in ("games", "release_dates", "platforms", "age_ratings"):
            lines = (out / f"{name}.jsonl").read_bytes().splitlines()
            served = list(generated.admin.records(name))
            assert [orjson.loads(line) for line in lines] == served
            assert list(loaded.admin.records(name)) == served
        body = "fields *; where id > 10 & id <= 40; sort id asc; limit 500;"
        assert (
            ApiClient(generated).post("games", body).content
            == ApiClient(loaded).post("games", body).content
        )


def test_data_dir_with_unusual_stamps(tmp_path: Path) -> None:
    big = 10**12  # milliseconds by mistake, or far future: must not overflow anything
    records = [{"id": i, "updated_at": big + i, "created_at": -(10**11)} for i in range(1, 8)]
    write_jsonl(tmp_path, "genres", records)
    with run_emulator(data=tmp_path) as emu:
        api = ApiClient(emu)
        assert api.ids("genres", f"fields id; where updated_at >= {big + 5};") == [5, 6, 7]
        assert api.post("genres/count", f"where updated_at < {big + 3};").json() == {"count": 2}
        ordered = api.ids("genres", "fields id; sort updated_at desc;")
        assert ordered == [7, 6, 5, 4, 3, 2, 1]


def test_data_dir_mutations_keep_references_valid(tmp_path: Path) -> None:
    write_jsonl(tmp_path, "games", [{"id": 1, "name": "A", "platforms": [6], "genres": [5]}])
    write_jsonl(tmp_path, "genres", [{"id": 7, "name": "Shooter"}])  # no genre 5, no platforms
    with run_emulator(data=tmp_path) as emu:
        created = emu.admin.mutate("games", create=2).created
        rows = ApiClient(emu).rows("games", f"fields *; where id = ({created[0]},{created[1]});")
        for row in rows:
            assert "platforms" not in row  # no platform exists to point at
            assert row.get("genres", [7]) == [7]
