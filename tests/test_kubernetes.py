"""The Kubernetes manifests (deploy/kubernetes, a kustomize base): valid, strictly, for a
pinned Kubernetes version, offline (kubernetes-validate carries the schemas); and what the
deployment promises: replicas, probes, resources, a non-root read-only container."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.nodb

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "deploy" / "kubernetes"
KUBERNETES_VERSION = "1.31.0"


def manifests() -> dict[str, dict[str, Any]]:
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text())
    out = {}
    for name in kustomization["resources"]:
        document = yaml.safe_load((BASE / name).read_text())
        out[document["kind"]] = document
    return out


def test_every_manifest_validates_strictly() -> None:
    files = sorted(str(p) for p in BASE.glob("*.yaml") if p.name != "kustomization.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "kubernetes_validate", "--strict", "-k", KUBERNETES_VERSION, *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" passed for resource ") == len(files), result.stdout


def test_the_base_lists_every_resource_and_each_kind_asked_for() -> None:
    listed = yaml.safe_load((BASE / "kustomization.yaml").read_text())["resources"]
    on_disk = {p.name for p in BASE.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert set(listed) == on_disk
    kinds = set(manifests())
    assert kinds >= {
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Job",
        "ConfigMap",
    }
    assert "Secret" not in kinds  # referenced, never committed


def _hardened(pod: dict[str, Any]) -> dict[str, Any]:
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    (container,) = pod["containers"]
    security = container["securityContext"]
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    assert container["resources"]["requests"]
    assert container["resources"]["limits"]
    env = {e["name"]: e for e in container["env"]}
    assert "secretKeyRef" in env["DATABASE_URL"]["valueFrom"]
    assert container["envFrom"] == [{"configMapRef": {"name": "registry-settings"}}]
    container_: dict[str, Any] = container
    return container_


def test_the_deployment_serves_read_only_replicas() -> None:
    found = manifests()
    deployment = found["Deployment"]
    assert deployment["spec"]["replicas"] >= 2
    container = _hardened(deployment["spec"]["template"]["spec"])
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    env = {e["name"]: e for e in container["env"]}
    assert env["DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == "reader-url"
    assert found["ConfigMap"]["data"]["REGISTRY_LOAD"] == "false"
    assert found["HorizontalPodAutoscaler"]["spec"]["minReplicas"] >= 2
    assert found["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"] == "registry-api"
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert found["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert found["Service"]["spec"]["selector"].items() <= labels.items()


def test_the_job_runs_the_loader_with_the_loader_role() -> None:
    job = manifests()["Job"]
    container = _hardened(job["spec"]["template"]["spec"])
    assert container["command"] == ["python3", "-m", "app", "load"]
    env = {e["name"]: e for e in container["env"]}
    assert env["DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == "loader-url"
