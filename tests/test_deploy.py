"""The deployment files as data: gunicorn's worker count from the CPUs it may use,
nginx's config against the app's headers, the Kubernetes manifests against the
Kubernetes schema, compose.yaml's shape, and the lock file against pyproject.toml."""

import copy
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from webapp.security import response_headers

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33.0"


def gunicorn_settings():
    settings = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), settings)
    return settings


def fake_cgroups(tmp_path, proc_self_cgroup, files):
    (tmp_path / "proc/self").mkdir(parents=True)
    (tmp_path / "proc/self/cgroup").write_text(proc_self_cgroup)
    for name, text in files.items():
        path = tmp_path / "sys/fs/cgroup" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


@pytest.mark.parametrize(("cgroup", "files", "affinity", "workers"), [
    # cgroup v2 in a container: the quota at the mount's root. 64 host cores, 2 CPUs.
    ("0::/\n", {"cpu.max": "200000 100000\n"}, 64, 2),
    ("0::/\n", {"cpu.max": "150000 100000\n"}, 64, 2),  # 1.5 CPUs: rounded up
    ("0::/\n", {"cpu.max": "50000 100000\n"}, 64, 1),  # half a CPU: still one worker
    ("0::/\n", {"cpu.max": "max 100000\n"}, 64, 64),  # no quota
    ("0::/\n", {"cpu.max": "800000 100000\n"}, 3, 3),  # pinned to 3 CPUs by affinity
    # v2 on a host: the process's own cgroup, under a parent with a smaller quota.
    ("0::/app.slice/web.service\n", {"app.slice/web.service/cpu.max": "400000 100000\n",
                                     "app.slice/cpu.max": "300000 100000\n"}, 64, 3),
    # cgroup v1.
    ("4:cpu,cpuacct:/\n1:memory:/\n", {"cpu,cpuacct/cpu.cfs_quota_us": "400000\n",
                                       "cpu,cpuacct/cpu.cfs_period_us": "100000\n"}, 64, 4),
    ("4:cpu,cpuacct:/\n", {"cpu,cpuacct/cpu.cfs_quota_us": "-1\n",
                           "cpu,cpuacct/cpu.cfs_period_us": "100000\n"}, 8, 8),
    ("0::/\n", {}, 8, 8),  # no cgroup files at all
])
def test_workers_follow_the_cpus_this_process_may_use(tmp_path, monkeypatch, cgroup, files,
                                                     affinity, workers):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(affinity)))
    monkeypatch.setattr("os.cpu_count", lambda: 128)  # the host's count is never used
    root = fake_cgroups(tmp_path, cgroup, files)
    assert gunicorn_settings()["usable_cpus"](root) == workers


def test_web_concurrency_overrides_the_cpu_count(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert gunicorn_settings()["workers"] == 3


def nginx_module():
    spec = importlib.util.spec_from_file_location("nginx", ROOT / "deploy" / "nginx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nginx_config(**options):
    arguments = dict(listen=8080, upstream="app:8000", run_dir="/tmp",
                     static_root="/srv/static/build") | options
    return nginx_module().render(**arguments)


def test_nginx_sends_the_apps_security_headers_on_its_own_answers():
    config = nginx_config(brotli=True, as_root=False)
    assert "${" not in config
    sent = dict(re.findall(r'^ {8}add_header (\S+) "([^"]*)" always;$', config, re.M))
    assert sent == response_headers(hsts=True)
    # The app's headers are replaced by nginx's, so none is sent twice.
    hidden = re.findall(r"proxy_hide_header (\S+);", config)
    assert sorted(set(hidden)) == sorted(response_headers(hsts=True))
    assert "load_module" in config and "brotli_static on;" in config and "user " not in config
    assert "client_max_body_size 64k;" in config and "proxy_request_buffering on;" in config


def test_nginx_logs_no_query_strings_and_no_request_lines():
    config = nginx_config(brotli=False, as_root=True)
    log_format = re.search(r"log_format paths (.*);", config)[1]
    assert "$request_without_query" in log_format
    assert not re.search(r"\$(request|request_uri|args|query_string|http_cookie|remote_addr)\b",
                         log_format)
    # nginx's error and crit lines quote the request line: only alerts are written.
    assert re.search(r"^error_log stderr alert;$", config, re.M)
    assert "user nobody nogroup;" in config and "load_module" not in config


def render_manifests():
    values = dict(line.split("=", 1) for line in (K8S / "values.env").read_text().splitlines()
                  if line and not line.startswith("#"))
    documents = []
    for path in sorted(K8S.glob("*.yaml")):
        text = re.sub(r"\$\{([A-Z_]+)\}", lambda match: values[match[1]], path.read_text())
        documents += [document for document in yaml.safe_load_all(text) if document]
    return values, documents


def test_kubernetes_manifests_validate_against_the_schema():
    _, documents = render_manifests()
    for document in documents:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
    kinds = sorted(document["kind"] for document in documents)
    assert kinds == ["Deployment", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Ingress",
                     "NetworkPolicy", "NetworkPolicy", "PodDisruptionBudget", "Service", "Service"]
    # The validation refuses what Kubernetes would.
    broken = copy.deepcopy(next(d for d in documents if d["kind"] == "Deployment"))
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["pathh"] = "/"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def by_kind(documents, kind):
    return [document for document in documents if document["kind"] == kind]


def named(documents, kind, name):
    found, = (d for d in by_kind(documents, kind) if d["metadata"]["name"] == name)
    return found


def test_the_deployment_runs_two_copies_unprivileged_with_probes_and_the_secret():
    values, documents = render_manifests()
    deployment = named(documents, "Deployment", "aktivitetstilbud")
    pod = deployment["spec"]["template"]["spec"]
    container, = pod["containers"]
    assert deployment["spec"]["replicas"] >= 2 and container["image"] == values["IMAGE"]
    assert pod["securityContext"]["runAsNonRoot"] and pod["securityContext"]["runAsUser"] > 0
    assert container["securityContext"]["readOnlyRootFilesystem"]
    assert not container["securityContext"]["allowPrivilegeEscalation"]
    assert set(container["resources"]) == {"requests", "limits"}
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/healthz"
        assert container[probe]["httpGet"]["httpHeaders"] == [{"name": "Host", "value": values["HOST"]}]
    env = {item["name"]: item for item in container["env"]}
    assert env["SITE_URL"]["value"] == f"https://{values['HOST']}"
    assert env["SECRET_KEY"]["valueFrom"]["secretKeyRef"]["key"] == "SECRET_KEY"
    assert env["SECRET_KEY_FALLBACKS"]["valueFrom"]["secretKeyRef"]["optional"] is True
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    service = named(documents, "Service", "aktivitetstilbud")
    budget, = by_kind(documents, "PodDisruptionBudget")
    autoscaler, = by_kind(documents, "HorizontalPodAutoscaler")
    assert service["spec"]["selector"] == labels == budget["spec"]["selector"]["matchLabels"]
    assert autoscaler["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert autoscaler["spec"]["minReplicas"] >= 2 and budget["spec"]["minAvailable"] == 1


def test_every_copy_shares_one_redis_that_only_the_app_reaches():
    values, documents = render_manifests()
    app = named(documents, "Deployment", "aktivitetstilbud")["spec"]["template"]
    env = {item["name"]: item.get("value") for item in app["spec"]["containers"][0]["env"]}
    redis = named(documents, "Deployment", "aktivitetstilbud-redis")
    service = named(documents, "Service", "aktivitetstilbud-redis")
    assert env["REDIS_URL"] == f"redis://{service['metadata']['name']}:{service['spec']['ports'][0]['port']}/0"
    assert service["spec"]["selector"] == redis["spec"]["template"]["metadata"]["labels"]
    policy = named(documents, "NetworkPolicy", "aktivitetstilbud-redis")
    assert policy["spec"]["podSelector"]["matchLabels"] == service["spec"]["selector"]
    assert policy["spec"]["ingress"] == [{"from": [{"podSelector": {"matchLabels": app["metadata"]["labels"]}}],
                                          "ports": [{"port": 6379}]}]
    pod = redis["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] and pod["containers"][0]["image"] == values["REDIS_IMAGE"]
    assert pod["containers"][0]["securityContext"]["readOnlyRootFilesystem"]
    # X-Real-IP is believed from ingress-nginx's pods only, never from everyone.
    assert env["TRUSTED_PROXIES"] == values["INGRESS_CIDR"] and env["TRUSTED_PROXIES"] not in ("", "0.0.0.0/0")
    assert "FEEDBACK_CLIENT_HEADER" not in env


def test_the_ingresses_have_the_proxy_limits_and_tighter_ones_on_the_email_pages():
    values, documents = render_manifests()
    config = nginx_config()
    pages, email = by_kind(documents, "Ingress")
    for ingress in (pages, email):
        notes = ingress["metadata"]["annotations"]
        prefix = "nginx.ingress.kubernetes.io/"
        body_limit = re.search(r"client_max_body_size (\S+);", config)[1]
        assert notes[prefix + "proxy-body-size"] == body_limit
        assert notes[prefix + "proxy-request-buffering"] == "on"
        assert ingress["spec"]["rules"][0]["host"] == values["HOST"]
    rates = nginx_module().RATES
    for ingress, kind in ((pages, "PAGE"), (email, "EMAIL")):
        notes = ingress["metadata"]["annotations"]
        assert notes["nginx.ingress.kubernetes.io/limit-rps"] == rates[f"{kind}_RATE"].removesuffix("r/s")
        assert notes["nginx.ingress.kubernetes.io/limit-connections"] == rates[f"{kind}_CONNECTIONS"]
    assert int(rates["EMAIL_RATE"][:-3]) < int(rates["PAGE_RATE"][:-3])
    email_paths = {path["path"] for path in email["spec"]["rules"][0]["http"]["paths"]}
    nginx_email_location = re.search(r"location ~ (\S+) \{", config)[1]
    assert all(re.match(nginx_email_location, path) for path in email_paths)
    assert {"/da/guide/mailen", "/en/guide/your-email"} <= email_paths


def test_compose_publishes_only_the_proxy_and_keeps_the_app_internal():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    app, proxy = compose["services"]["app"], compose["services"]["proxy"]
    assert "ports" not in app and app["networks"] == ["backend"]
    assert compose["networks"]["backend"]["internal"] is True
    assert proxy["build"]["target"] == "proxy" and proxy["ports"]
    assert proxy["depends_on"]["app"]["condition"] == "service_healthy"
    assert app["read_only"] and proxy["read_only"]
    assert "${SECRET_KEY:?" in (ROOT / "compose.yaml").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM \S+ AS proxy$", dockerfile, re.M)
    assert re.search(r"^FROM node:22\b", dockerfile, re.M)
    assert "--require-hashes -r requirements/runtime.txt" in dockerfile
    assert re.search(r"BIND=127\.0\.0\.1:8000", dockerfile)  # never 0.0.0.0 by default
    # Redis: on the backend network only, built from Debian's redis-server, and the
    # app's trusted proxies are that network (where only the proxy sends requests).
    redis = compose["services"]["redis"]
    assert redis["networks"] == ["backend"] and "ports" not in redis and redis["read_only"]
    assert redis["build"]["target"] == "redis" and re.search(r"^FROM \S+ AS redis$", dockerfile, re.M)
    assert app["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert app["environment"]["TRUSTED_PROXIES"] == compose["networks"]["backend"]["ipam"]["config"][0]["subnet"]
    assert app["depends_on"]["redis"]["condition"] == "service_healthy"


def test_compose_passes_compose_lint():
    linter = shutil.which("compose-lint", path=str(Path(sys.executable).parent))
    assert linter, "compose-lint is in the test extras"
    result = subprocess.run([linter, "check", "--fail-on", "low", "--no-env", str(ROOT / "compose.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "no issues found" in result.stdout, result.stdout + result.stderr


def locked(path):
    return dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", path.read_text(), re.M))


def names(requirements):
    return {re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
            for requirement in requirements}


def test_the_lock_files_pin_every_dependency_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = locked(ROOT / "requirements" / "runtime.txt")
    test = locked(ROOT / "requirements" / "test.txt")
    missing = names(project["dependencies"]) - set(runtime)
    missing |= names(project["dependencies"] + project["optional-dependencies"]["test"]) - set(test)
    assert not missing, f"not in the lock files: {missing}; run `make lock`"
    assert "setuptools" in runtime  # for the project's own build, also checked
    for path in (ROOT / "requirements").glob("*.txt"):
        blocks = re.split(r"\n(?=[a-z0-9])", path.read_text().split("\n", 2)[2])
        assert all("--hash=sha256:" in block for block in blocks if "==" in block), path
    bounds = {names([requirement]).pop(): requirement for requirement in project["dependencies"]}
    assert ",<" in bounds["gunicorn"] and ",<" in bounds["holidays"]
