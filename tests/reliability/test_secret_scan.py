"""The secret scan itself: it finds each secret where it looks, so its zeros mean something."""

from __future__ import annotations

import gzip

from leaks import LeakScanner
from pipeline import BUCKET, LAKE_PREFIX, Pipeline


def test_the_scan_finds_secrets_planted_where_it_looks(pipeline: Pipeline) -> None:
    pipeline.loaded()
    tokens = sorted(pipeline.access_tokens())
    assert tokens, "the auth proxy recorded no token handed to the tap"
    secrets = pipeline.secrets
    planted = {
        pipeline.outputs / "zz-planted.err": f"client_secret={secrets.client_secret}",
        pipeline.dbt_logs / "zz-planted.log": f"Authorization: Bearer {tokens[-1]}",
        pipeline.system_dir / "zz-planted.txt": secrets.aws_secret_access_key,
    }
    # A key dbt does not read (it reads */*/*/*.jsonl.gz under each stream).
    key = f"{LAKE_PREFIX}zz-planted/object.txt.gz"
    s3 = pipeline.stack.s3.client()
    try:
        for path, text in planted.items():
            path.write_text(text)
        s3.put_object(Bucket=BUCKET, Key=key, Body=gzip.compress(secrets.client_secret.encode()))

        leaks = LeakScanner(pipeline).scan()  # a scanner of its own: it caches lake objects

        assert set(leaks.hits) == {
            "stdout/stderr of meltano: client_secret",
            f"dbt logs: access_token_{len(tokens)}",
            "Meltano system dir: aws_secret_access_key",
            "lake: client_secret",
        }, leaks.describe()
    finally:
        for path in planted:
            path.unlink(missing_ok=True)
        s3.delete_object(Bucket=BUCKET, Key=key)
    assert LeakScanner(pipeline).scan().count == 0
