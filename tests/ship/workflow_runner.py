"""Run the `run:` steps of a GitHub Actions job on this machine, the way GitHub's runner does.

As much of the runner as this project's workflows use: workflow, job and step `env`, with
`${{ <context>.<name> }}` taken from the contexts the caller gives (an unset `vars` or
`secrets` entry is empty, as on GitHub); `defaults.run.shell` and `shell: bash` (run as
`bash --noprofile --norc -eo pipefail`) or `shell: python`; `$GITHUB_ENV` and `$GITHUB_PATH`;
`if: success()`, `failure()`, `always()`. A step that `uses:` an action is skipped and listed:
the caller stands in for it (for example with the credentials an action would export). Any
other expression fails loudly rather than being guessed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(?P<context>[a-z]+)\.(?P<name>[A-Za-z_][A-Za-z0-9_-]*)\s*\}\}")
DEFAULT_CONTEXTS = ("vars", "secrets")  # GitHub gives "" for a name it does not know
SHELLS = {"bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"], "python": ["python"]}


def load_workflow(path: Path) -> dict[str, Any]:
    """A workflow file; YAML 1.1 reads the key `on` as True, so it is put back."""
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text())
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def step_name(step: dict[str, Any]) -> str:
    """The name GitHub shows for a step."""
    return str(step.get("name") or step.get("uses") or str(step.get("run", "")).splitlines()[0])


@dataclass
class StepResult:
    """What one step did."""

    name: str
    returncode: int = 0
    output: str = ""
    skipped: str = ""  # why, when the step did not run here


@dataclass
class JobRun:
    """The results of a job's steps, in order."""

    steps: list[StepResult] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether a step that ran failed."""
        return any(step.returncode != 0 for step in self.steps)

    def step(self, name: str) -> StepResult:
        """The result of the step called `name`."""
        return next(step for step in self.steps if step.name == name)

    def log(self) -> str:
        """Every step's output, for an assertion message."""
        return "\n".join(
            f"== {s.name} ({s.returncode}) {s.skipped}\n{s.output}" for s in self.steps
        )


class JobRunner:
    """Runs one job of one workflow file."""

    def __init__(
        self,
        workflow_path: Path,
        job_id: str,
        *,
        contexts: dict[str, dict[str, str]],
        env: dict[str, str],
        overrides: dict[str, str] | None = None,
        cwd: Path,
        timeout: float = 1800,
    ) -> None:
        """`env`: the runner's environment; `overrides`: set last, over the workflow's own."""
        self.workflow = load_workflow(workflow_path)
        self.job: dict[str, Any] = self.workflow["jobs"][job_id]
        self.contexts = contexts
        self.env = env
        self.overrides = overrides or {}
        self.cwd = cwd
        self.timeout = timeout

    def expand(self, value: object) -> str:
        """`value` with its `${{ context.name }}` expressions substituted."""

        def replace(match: re.Match[str]) -> str:
            context, name = match["context"], match["name"]
            if name in self.contexts.get(context, {}):
                return self.contexts[context][name]
            if context in DEFAULT_CONTEXTS:
                return ""
            msg = f"no value for ${{{{ {context}.{name} }}}}"
            raise KeyError(msg)

        text = EXPRESSION.sub(replace, str(value))
        if "${{" in text:
            msg = f"unsupported expression in {value!r}"
            raise ValueError(msg)
        return text

    def _expand_env(self, env: dict[str, Any] | None) -> dict[str, str]:
        return {key: self.expand(value) for key, value in (env or {}).items()}

    def _shell(self, step: dict[str, Any]) -> str:
        defaults = {**self.workflow.get("defaults", {}), **self.job.get("defaults", {})}
        return str(step.get("shell") or defaults.get("run", {}).get("shell") or "bash")

    @staticmethod
    def _should_run(step: dict[str, Any], failed: bool) -> bool:
        condition = str(step.get("if", "success()")).strip()
        if condition not in {"success()", "failure()", "always()"}:
            msg = f"unsupported if: {condition}"
            raise ValueError(msg)
        return condition == "always()" or (condition == "failure()") == failed

    def run(self) -> JobRun:
        """Run the job's `run:` steps in order; stop running them after a failure."""
        result = JobRun()
        with tempfile.TemporaryDirectory(prefix="runner-") as temp:
            github_env, github_path = Path(temp, "env"), Path(temp, "path")
            github_env.touch()
            github_path.touch()
            for index, step in enumerate(self.job["steps"]):
                name = step_name(step)
                if not self._should_run(step, result.failed):
                    result.steps.append(StepResult(name, skipped="condition is false"))
                    continue
                if "uses" in step:
                    result.steps.append(StepResult(name, skipped=f"action {step['uses']}"))
                    continue
                env = self._step_env(step, github_env, github_path)
                script = Path(temp, f"step{index}")
                script.write_text(self.expand(step["run"]))
                command = [*SHELLS[self._shell(step)], str(script)]
                command[0] = shutil.which(command[0], path=env["PATH"]) or command[0]
                completed = subprocess.run(
                    command,
                    cwd=self.cwd / step.get("working-directory", "."),
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                    timeout=self.timeout,
                    check=False,
                )
                result.steps.append(StepResult(name, completed.returncode, completed.stdout))
        return result

    def _step_env(
        self, step: dict[str, Any], github_env: Path, github_path: Path
    ) -> dict[str, str]:
        added_env = dict(
            line.split("=", 1) for line in github_env.read_text().splitlines() if "=" in line
        )
        added_path = list(reversed(github_path.read_text().splitlines()))
        env = {
            **self.env,
            **self._expand_env(self.workflow.get("env")),
            **self._expand_env(self.job.get("env")),
            **added_env,
            **self._expand_env(step.get("env")),
            **self.overrides,
            "GITHUB_ENV": str(github_env),
            "GITHUB_PATH": str(github_path),
            "CI": "true",
        }
        env["PATH"] = os.pathsep.join([*added_path, env.get("PATH", "")])
        return env
