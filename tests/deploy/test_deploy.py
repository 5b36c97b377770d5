"""Offline checks of deploy/: the Helm chart renders and every manifest is valid, the systemd unit
verifies, the Containerfile lints.

The chart is rendered with `helm template` for each values file in deploy/helm/sluice/ci/ and each
Kubernetes version in KUBERNETES_VERSIONS, and every manifest is validated by kubeconform in strict
mode (unknown fields refused) against Kubernetes' JSON schemas, the ServiceMonitor against the
prometheus-operator CRD's schema; a kind without a schema is an error. The tools and schemas come
from package registries through scripts/deploy-tools (see its header). Run with
`scripts/run-tests deploy`, or `python -m pytest tests/deploy` in the venv of scripts/pyenv.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
CHART = REPO_ROOT / "deploy" / "helm" / "sluice"
CI_VALUES = sorted((CHART / "ci").glob("*.yaml"))
UNIT = REPO_ROOT / "deploy" / "systemd" / "sluice.service"
CONTAINERFILE = REPO_ROOT / "deploy" / "container" / "Containerfile"
SLUICE = Path(os.environ.get("SLUICE_BINARY", REPO_ROOT / os.environ.get("BUILD_DIR", "build") / "sluice"))
# The oldest and newest versions scripts/deploy-tools fetches schemas for.
KUBERNETES_VERSIONS = ["1.30.0", "1.37.0"]
# The REST API choice the chart requires; with it and a connector name the defaults render.
OPEN_REST = ["--set", "rest.allowUnauthenticated=true"]
MINIMAL = CHART / "ci" / "minimal-values.yaml"
FULL = CHART / "ci" / "full-values.yaml"


@pytest.fixture(scope="session")
def tools() -> Path:
    """The folder of scripts/deploy-tools (installs on first use; fails, never skips, without it)."""
    out = subprocess.run([str(REPO_ROOT / "scripts" / "deploy-tools")], capture_output=True, text=True)
    assert out.returncode == 0, f"scripts/deploy-tools failed:\n{out.stderr[-4000:]}"
    return Path(out.stdout.strip().splitlines()[-1])


def helm_template(tools: Path, *args: str, kube_version: str = KUBERNETES_VERSIONS[-1]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(tools / "bin" / "helm"), "template", "sluice-test", str(CHART), "--namespace", "data",
         "--kube-version", kube_version, *args],
        capture_output=True, text=True)


def render(tools: Path, *args: str, kube_version: str = KUBERNETES_VERSIONS[-1]) -> str:
    out = helm_template(tools, *args, kube_version=kube_version)
    assert out.returncode == 0, out.stderr
    return out.stdout


def manifests(text: str) -> list[dict]:
    return [d for d in yaml.safe_load_all(text) if d]


def kubeconform(tools: Path, text: str, kube_version: str) -> tuple[int, dict, str]:
    """Validates the rendered manifests; returns (exit code, JSON summary, output)."""
    schemas = tools / "schemas"
    out = subprocess.run(
        [str(tools / "bin" / "kubeconform"), "-strict", "-summary", "-output", "json",
         "-kubernetes-version", kube_version,
         "-schema-location", f"{schemas}/k8s/{{{{.NormalizedKubernetesVersion}}}}-local-strict/"
                             "{{.ResourceKind}}{{.KindSuffix}}.json",
         "-schema-location", f"{schemas}/crds/{{{{.Group}}}}/{{{{.ResourceKind}}}}_{{{{.ResourceAPIVersion}}}}.json",
         "-"],
        input=text, capture_output=True, text=True)
    report = json.loads(out.stdout) if out.stdout.strip() else {}
    return out.returncode, report.get("summary", {}), out.stdout + out.stderr


def kind_of(docs: list[dict], kind: str) -> dict:
    (found,) = [d for d in docs if d["kind"] == kind]
    return found


@pytest.mark.parametrize("kube_version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("values", CI_VALUES, ids=lambda p: p.stem)
def test_rendered_manifests_are_valid(tools: Path, values: Path, kube_version: str) -> None:
    text = render(tools, "-f", str(values), kube_version=kube_version)
    docs = manifests(text)
    assert len(docs) >= 4
    code, summary, output = kubeconform(tools, text, kube_version)
    assert code == 0, output
    assert summary == {"valid": len(docs), "invalid": 0, "errors": 0, "skipped": 0}, output


@pytest.mark.parametrize("values", CI_VALUES, ids=lambda p: p.stem)
def test_helm_lint(tools: Path, values: Path) -> None:
    out = subprocess.run([str(tools / "bin" / "helm"), "lint", "--strict", str(CHART), "-f", str(values),
                          "--kube-version", KUBERNETES_VERSIONS[-1]], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_validation_refuses_a_broken_deployment(tools: Path) -> None:
    # A string where Kubernetes wants an integer, and a field the Pod spec does not have.
    text = render(tools, "-f", str(MINIMAL), "--set", "podSecurityContext.runAsUser=root",
                  "--set", "podSecurityContext.runAsUsr=10001")
    code, summary, output = kubeconform(tools, text, KUBERNETES_VERSIONS[-1])
    assert code != 0
    assert summary["invalid"] == 1, output
    assert "runAsUser" in output and "runAsUsr" in output


def test_validation_refuses_a_broken_servicemonitor(tools: Path) -> None:
    # The CRD's schema allows only Prometheus durations ("30s", "1m").
    text = render(tools, "-f", str(FULL), "--set", "serviceMonitor.interval=half-minute")
    code, summary, output = kubeconform(tools, text, KUBERNETES_VERSIONS[-1])
    assert code != 0
    assert summary["invalid"] == 1, output
    assert "ServiceMonitor" in output and "interval" in output


def test_an_unknown_kind_is_an_error(tools: Path) -> None:
    text = render(tools, "-f", str(MINIMAL)) + "---\napiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: x\n"
    code, summary, _ = kubeconform(tools, text, KUBERNETES_VERSIONS[-1])
    assert code != 0 and summary["errors"] == 1


def test_rest_listener_needs_auth_or_explicit_opt_out(tools: Path) -> None:
    out = helm_template(tools, "--set", "connector.properties.name=c")
    assert out.returncode != 0
    assert "rest.basicAuth.enabled=true, or rest.allowUnauthenticated=true" in out.stderr
    out = helm_template(tools, "--set", "connector.properties.name=c", "--set", "rest.basicAuth.enabled=true")
    assert out.returncode != 0 and "rest.basicAuth.users" in out.stderr
    out = helm_template(tools, *OPEN_REST)
    assert out.returncode != 0 and "connector.properties.name" in out.stderr


def test_default_kinds(tools: Path) -> None:
    docs = manifests(render(tools, *OPEN_REST, "--set", "connector.properties.name=c"))
    assert sorted(d["kind"] for d in docs) == [
        "ConfigMap", "Deployment", "PodDisruptionBudget", "Secret", "Service", "ServiceAccount"]


def test_worker_file_has_the_keys_the_chart_owns(tools: Path) -> None:
    docs = manifests(render(tools, "-f", str(FULL)))
    secrets = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Secret"}
    text = secrets["sluice-test-worker"]["stringData"]["worker.properties"]
    lines = text.splitlines()
    assert "listeners=http://0.0.0.0:8083" in lines
    assert "sluice.rest.basic.auth.credentials.file=/etc/sluice/rest-auth/credentials.properties" in lines
    assert not any(line.startswith("sluice.rest.allow.unauthenticated") for line in lines)
    assert "task.shutdown.graceful.timeout.ms=120000" in lines
    # Java properties escaping: separators in keys, a leading blank and backslashes in values.
    assert "odd\\ key\\=with\\:separators=\\ leading blank and \\\\ backslash" in lines
    auth = secrets["sluice-test-rest-auth"]["stringData"]
    assert auth["credentials.properties"].splitlines() == ["admin: s3cr3t=:!", "prometheus: scrape-pass"]
    assert (auth["username"], auth["password"]) == ("prometheus", "scrape-pass")
    pod = kind_of(docs, "Deployment")["spec"]["template"]["spec"]
    mounts = {m["mountPath"] for m in pod["containers"][0]["volumeMounts"]}
    assert {"/etc/sluice/worker", "/etc/sluice/connector", "/etc/sluice/rest-auth", "/tmp"} <= mounts


def shutdown_bound_seconds(worker_properties: str) -> int:
    """sluice's graceful stop bound: max(task.shutdown.graceful.timeout.ms, 30 s) (runtime/connector_runtime.cc)."""
    match = re.search(r"^task\.shutdown\.graceful\.timeout\.ms=(\d+)$", worker_properties, re.M)
    ms = int(match.group(1)) if match else 5000
    return max(ms, 30000) // 1000


@pytest.mark.parametrize("timeout_ms,expected", [(5000, 60), (30000, 60), (120000, 150)])
def test_termination_grace_exceeds_the_shutdown_bound(tools: Path, timeout_ms: int, expected: int) -> None:
    docs = manifests(render(tools, "-f", str(MINIMAL), "--set", f"shutdown.gracefulTimeoutMs={timeout_ms}"))
    worker = kind_of(docs, "Secret")["stringData"]["worker.properties"]
    grace = kind_of(docs, "Deployment")["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    assert grace == expected
    assert grace >= shutdown_bound_seconds(worker) + 30


def test_pods_run_unprivileged_on_a_read_only_root(tools: Path) -> None:
    for values in CI_VALUES:
        pod = kind_of(manifests(render(tools, "-f", str(values))), "Deployment")["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        container = pod["containers"][0]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert container[probe]["httpGet"] == {"path": "/health", "port": "http"}


def test_autoscaler(tools: Path) -> None:
    docs = manifests(render(tools, "-f", str(FULL)))
    hpa = kind_of(docs, "HorizontalPodAutoscaler")["spec"]
    assert "replicas" not in kind_of(docs, "Deployment")["spec"]
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (1, 6)
    cpu, lag = hpa["metrics"]
    assert cpu["resource"]["target"] == {"type": "Utilization", "averageUtilization": 80}
    assert lag["external"]["metric"] == {"name": "sluice_consumer_lag_records",
                                         "selector": {"matchLabels": {"connector": "events-to-s3"}}}
    docs = manifests(render(tools, "-f", str(CHART / "ci" / "existing-values.yaml")))
    (pods,) = kind_of(docs, "HorizontalPodAutoscaler")["spec"]["metrics"]
    assert pods["type"] == "Pods" and pods["pods"]["metric"]["name"] == "sluice_consumer_lag_records"


def test_rendered_configuration_is_accepted_by_sluice(tools: Path, tmp_path: Path) -> None:
    assert SLUICE.exists(), f"{SLUICE} not built"
    docs = manifests(render(tools, "-f", str(MINIMAL)))
    (tmp_path / "worker.properties").write_text(kind_of(docs, "Secret")["stringData"]["worker.properties"])
    (tmp_path / "connector.properties").write_text(kind_of(docs, "ConfigMap")["data"]["connector.properties"])
    out = subprocess.run([str(SLUICE), "validate", "--worker", str(tmp_path / "worker.properties"),
                          "--connector", str(tmp_path / "connector.properties")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def systemd_verify(tools: Path, unit_text: str, root: Path) -> subprocess.CompletedProcess:
    """`systemd-analyze verify` of the unit in a root with the system's units and a stand-in binary."""
    systemd_analyze = shutil.which("systemd-analyze")
    assert systemd_analyze, "systemd-analyze missing (scripts/deploy-tools installs it)"
    (root / "etc" / "systemd" / "system").mkdir(parents=True)
    (root / "etc" / "sluice").mkdir(parents=True)
    (root / "usr" / "local" / "bin").mkdir(parents=True)
    shutil.copytree("/usr/lib/systemd/system", root / "usr" / "lib" / "systemd" / "system", symlinks=True)
    binary = root / "usr" / "local" / "bin" / "sluice"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    (root / "etc" / "systemd" / "system" / "sluice.service").write_text(unit_text)
    return subprocess.run([systemd_analyze, "verify", "--man=no", f"--root={root}",
                           "/etc/systemd/system/sluice.service"], capture_output=True, text=True)


def test_systemd_unit_verifies(tools: Path, tmp_path: Path) -> None:
    out = systemd_verify(tools, UNIT.read_text(), tmp_path)
    assert out.returncode == 0 and out.stderr == "", out.stderr


def test_systemd_verify_refuses_a_broken_unit(tools: Path, tmp_path: Path) -> None:
    out = systemd_verify(tools, UNIT.read_text().replace("KillSignal=SIGTERM", "KillSignal=SIGBOGUS"), tmp_path)
    assert "SIGBOGUS" in out.stderr


def test_systemd_stop_timeout_exceeds_the_shutdown_bound() -> None:
    unit = UNIT.read_text()
    stop = int(re.search(r"^TimeoutStopSec=(\d+)s$", unit, re.M).group(1))
    example = (REPO_ROOT / "deploy" / "systemd" / "etc" / "sluice" / "worker.properties").read_text()
    assert stop >= shutdown_bound_seconds(example) + 30
    assert re.search(r"^KillSignal=SIGTERM$", unit, re.M) and re.search(r"^User=sluice$", unit, re.M)


def test_containerfile_lints(tools: Path) -> None:
    out = subprocess.run([str(tools / "bin" / "hadolint"), "--no-color", str(CONTAINERFILE)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def notes(tools: Path, tmp_path: Path, *args: str) -> str:
    """NOTES.txt as `helm install` prints it (helm template does not render it): the chart is copied
    with a template that renders the same text into a manifest."""
    chart = tmp_path / "chart"
    shutil.copytree(CHART, chart)
    shutil.copy(chart / "templates" / "NOTES.txt", chart / "notes-src.txt")
    (chart / "templates" / "notes-render.yaml").write_text(
        'notes: {{ tpl (.Files.Get "notes-src.txt") . | toJson }}\n')
    out = subprocess.run([str(tools / "bin" / "helm"), "template", "r", str(chart), "-n", "data",
                          "--kube-version", KUBERNETES_VERSIONS[-1], "--show-only", "templates/notes-render.yaml",
                          *args], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return manifests(out.stdout)[0]["notes"]


def test_notes(tools: Path, tmp_path: Path) -> None:
    text = notes(tools, tmp_path / "full", "-f", str(FULL))
    assert "consumer group connect-events-to-s3" in text and "Pods: 1 to 6" in text
    assert "labelSelector=connector%3Devents-to-s3" in text and "WARNING" not in text
    text = notes(tools, tmp_path / "open", "-f", str(MINIMAL), "--set", "networkPolicy.enabled=false")
    assert "WARNING: the REST API answers anyone" in text
    text = notes(tools, tmp_path / "existing", "-f", str(CHART / "ci" / "existing-values.yaml"))
    assert "listeners=http://0.0.0.0:9083" in text


def test_values_schema_refuses_typos(tools: Path) -> None:
    out = helm_template(tools, "-f", str(MINIMAL), "--set", "replicas=3")
    assert out.returncode != 0 and "replicas" in out.stderr
    out = helm_template(tools, "-f", str(MINIMAL), "--set", "autoscaling.lag.type=Object")
    assert out.returncode != 0 and "/autoscaling/lag/type" in out.stderr
