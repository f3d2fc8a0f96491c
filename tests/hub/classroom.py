"""A real JupyterHub classroom on this machine, for the hub test and benchmarks/hub_capacity.py.

`Classroom(students=[...])` is a context manager. On entry it builds, in a fresh folder under
/tmp (world-readable, like /srv on a hub):

- `git/micrograd-course.git`, a bare git repository of the course (the files of this checkout,
  committed as one commit on `main`): what would be the course on GitHub;
- `srv/micrograd-course`, a clone of it: the course as the admin installs it, which the
  students' servers import `micrograd` from (PYTHONPATH, as `pip install -e` would) and which
  docs/hub/jupyter_server_config.py compares outputs with;
- `user`, the one environment every user's server runs in (on The Littlest JupyterHub:
  /opt/tljh/user): a hard-linked copy of this Python's environment with an `etc/jupyter` of
  its own, where the admin's commands of docs/teaching-on-jupyterhub.md write: the trust
  config, nbgrader's course id and exchange, the formgrader turned off for everyone
  (ADMIN_COMMANDS); then the teacher's own commands (TEACHER_COMMANDS) turn it on for them;
- `exchange`, nbgrader's exchange (mode 0777, as nbgrader's docs say);
- system users made with `useradd` (a teacher and the students, names prefixed `mgc-`), homes
  0700 under `home/`, each with JupyterLab settings of its own (no news or update pop-ups);
- a JupyterHub (from this Python's environment) on 127.0.0.1 with free ports:
  DummyAuthenticator with one password, LocalProcessSpawner (each server runs as its system
  user, so file permissions are real), every server from `user` (`jupyterhub-singleuser`),
  configurable-http-proxy from tests/hub/node_modules (`npm ci --prefix tests/hub`) or PATH.

On exit (whatever happened) it stops the hub, which stops every server; then ends any process
left running as one of its users, by pid, deletes the users and the folder.

Everything here needs root (useradd, setuid spawning).
"""

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the course's environment: hub, servers, kernels, nbgrader
TRUST_CONFIG = ROOT / "docs" / "hub" / "jupyter_server_config.py"
PREFIX = "mgc-"
TEACHER = PREFIX + "teacher"
COURSE_ID = "micrograd"
START_TIMEOUT = 90  # s: the hub answering
# JupyterHub's proxy, at the version tests/hub/package.json pins (`npm ci --prefix tests/hub`)
PROXY = Path(__file__).resolve().parent / "node_modules" / ".bin" / "configurable-http-proxy"


def proxy():
    """The pinned configurable-http-proxy, else one on PATH, else None."""
    return str(PROXY) if PROXY.exists() else shutil.which("configurable-http-proxy")

IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "test-output", ".cache", "site", "slides", "__pycache__", "*.egg-info",
    ".ipynb_checkpoints", "predictions.csv", ".pytest_cache", ".ruff_cache", ".hypothesis",
    "node_modules")
# the admin's commands of the guide (section 5), in the users' environment: students get the
# Assignments tab only, and the formgrader is on for nobody
ADMIN_COMMANDS = (
    ["jupyter", "labextension", "disable", "--level=sys_prefix", "@jupyter/nbgrader:formgrader",
     "@jupyter/nbgrader:create-assignment"],
    ["jupyter", "labextension", "unlock", "--level=sys_prefix", "@jupyter/nbgrader:formgrader",
     "@jupyter/nbgrader:create-assignment"],
    ["jupyter", "server", "extension", "disable", "--sys-prefix",
     "nbgrader.server_extensions.formgrader"],
)
# the teacher's, in a terminal of their own (the guide's section 5; {course} is
# /srv/micrograd-course there)
FORMGRADER_ON = ('{"ServerApp": {"jpserver_extensions": '
                 '{"nbgrader.server_extensions.formgrader": true}}}')
TEACHER_COMMANDS = (
    "jupyter labextension enable --level=user @jupyter/nbgrader:formgrader"
    " @jupyter/nbgrader:create-assignment",
    "mkdir -p ~/.jupyter/jupyter_server_config.d && echo '" + FORMGRADER_ON + "'"
    " > ~/.jupyter/jupyter_server_config.d/nbgrader-formgrader.json",
    "(cd {course} && python3 -m course_tools.nbgrader_build ~/grading)",
    """echo 'c.CourseDirectory.root = "'$HOME'/grading"' > ~/.jupyter/nbgrader_config.py""",
)
FAILURES = ("Validation failed", "locked at a higher level", "could not be found", "Error")
LAB_SETTINGS = {  # each user's own: no pop-ups over the page; every cell in the page
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def why_not():
    """Why this machine cannot run a classroom, or None."""
    if os.geteuid() != 0:
        return "the hub test needs root (useradd, servers run as other users)"
    for program in ("useradd", "userdel", "git"):
        if shutil.which(program) is None:
            return f"no `{program}` on PATH"
    if proxy() is None:
        return "no configurable-http-proxy (npm ci --prefix tests/hub)"
    for module in ("jupyterhub", "nbgitpuller", "nbgrader"):
        if subprocess.run([sys.executable, "-c", f"import {module}"],
                          capture_output=True).returncode:
            return f"{module} is not installed in {sys.prefix}"
    return None


def failed(done, command, name, refusals=()):
    """Raise if a command failed: its status, or (a command of the guide) its own words for a
    refusal."""
    output = done.stdout + done.stderr
    said = [words for words in refusals if words in output]
    if done.returncode or said:
        raise AssertionError(f"{' '.join(map(str, command))} as {name} failed "
                             f"({done.returncode}, {said}):\n{done.stdout[-3000:]}\n"
                             f"{done.stderr[-3000:]}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(*args, cwd=None, user=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="Teacher", GIT_AUTHOR_EMAIL="teacher@example.org",
               GIT_COMMITTER_NAME="Teacher", GIT_COMMITTER_EMAIL="teacher@example.org")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def user_pids(uids):
    """Processes running as any of these uids (read from /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def end_processes_of(names):
    """End, by pid, every process running as one of these (test) users."""
    uids = set()
    for name in names:
        try:
            uids.add(pwd.getpwnam(name).pw_uid)
        except KeyError:
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = user_pids(uids)
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while pids and user_pids(uids) and time.monotonic() < deadline:
            time.sleep(0.2)


def remove_user(name):
    if subprocess.run(["id", name], capture_output=True).returncode == 0:
        end_processes_of([name])
        subprocess.run(["userdel", "--remove", name], capture_output=True)
        subprocess.run(["groupdel", name], capture_output=True)


class Classroom:
    def __init__(self, students=("mgc-alice", "mgc-bob"), keep=False):
        self.students = list(students)
        self.users = [TEACHER, *self.students]
        self.password = secrets.token_urlsafe(12)
        self.keep = keep  # leave the folder (not the users or processes) for a look afterwards
        self.hub = None

    # --- building it --------------------------------------------------------------------------

    def __enter__(self):
        try:
            self._build()
            self.start_hub()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def _build(self):
        for name in self.users:  # left over by a run that was killed
            remove_user(name)
        self.base = Path(tempfile.mkdtemp(prefix="mgc-hub-", dir="/tmp"))
        self.base.chmod(0o755)
        for sub in ("git", "srv", "home", "hub", "etc", "etc/jupyter/labconfig",
                    "etc/jupyter/jupyter_server_config.d"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
            (self.base / sub).chmod(0o755)
        (self.base / "hub").chmod(0o700)
        # the course's repository ("GitHub"), and the teacher's own clone to push fixes from
        self.bare = self.base / "git" / "micrograd-course.git"
        self.upstream = self.base / "hub" / "teacher-checkout"
        shutil.copytree(ROOT, self.upstream, ignore=IGNORE)
        git("init", "--quiet", "--initial-branch=main", cwd=self.upstream)
        git("add", "--all", cwd=self.upstream)
        git("commit", "--quiet", "-m", "The course", cwd=self.upstream)
        git("clone", "--quiet", "--bare", str(self.upstream), str(self.bare))
        git("remote", "add", "origin", str(self.bare), cwd=self.upstream)
        git("fetch", "--quiet", "origin", cwd=self.upstream)
        subprocess.run(["chmod", "-R", "a+rX", str(self.bare)], check=True)
        # git refuses a repository another user owns ("dubious ownership") unless the system's
        # config says it is safe: here a stand-in for /etc/gitconfig (GIT_CONFIG_SYSTEM)
        self.gitconfig = self.base / "etc" / "gitconfig"
        self.gitconfig.write_text(f"[safe]\n\tdirectory = {self.bare}\n")
        self.gitconfig.chmod(0o644)
        # the admin's install: sudo git clone ... /srv/micrograd-course
        self.course = self.base / "srv" / "micrograd-course"
        git("clone", "--quiet", str(self.bare), str(self.course))
        subprocess.run(["chmod", "-R", "a+rX", str(self.course)], check=True)
        self._python()
        self._user_environment()
        self._jupyter_config()
        for name in self.users:
            self._add_user(name)
        self._teacher()

    def _python(self):
        """The Python the course's environment was made from, where every user can read it.
        On a hub it is (/opt/tljh/user); on a machine whose environment was made from a Python
        in root's home (pyenv in /root), another user's `python` cannot read its standard
        library or its libpython and quietly runs the system's instead (Debian's 3.11.2, which
        some locked packages do not support): the users' environment gets a hard-linked copy."""
        self.python_home = None
        base = Path(sys.base_prefix)
        if all(p.stat().st_mode & 0o001 for p in (base, *base.parents)):
            return
        self.python_home = self.base / "python"
        try:
            subprocess.run(["cp", "-al", str(base), str(self.python_home)], check=True,
                           capture_output=True)
        except subprocess.CalledProcessError:  # another file system: a copy
            shutil.copytree(base, self.python_home, symlinks=True)
        self.python_home.chmod(0o755)

    def _user_environment(self):
        """The one environment every user's server runs in, TLJH's /opt/tljh/user: a copy of
        the course's environment (hard links: it is not written to), with a `bin` whose scripts
        run its own Python and an `etc/jupyter` of its own, where the admin's commands of the
        guide write (`--sys-prefix`, `--level=sys_prefix`). Being a prefix of its own matters:
        Jupyter reads a user's ~/.jupyter before it (a user does not own it), as on a hub, and
        what the teacher turns on for themselves is read over what the admin turned off."""
        venv, env = Path(sys.prefix), self.base / "user"
        self.env_prefix, self.env_bin = env, env / "bin"
        env.mkdir()
        for sub in ("lib", "include", "share"):
            if (venv / sub).is_dir():
                linked = subprocess.run(["cp", "-al", str(venv / sub), str(env / sub)],
                                        capture_output=True)
                if linked.returncode:  # another file system: a copy
                    shutil.rmtree(env / sub, ignore_errors=True)
                    subprocess.run(["cp", "-a", str(venv / sub), str(env / sub)], check=True)
        for link in ("lib64",):
            if (venv / link).is_symlink():
                (env / link).symlink_to(os.readlink(venv / link))
        shutil.copytree(venv / "etc", env / "etc", symlinks=True)  # written to: a real copy
        self.env_bin.mkdir()
        old = f"#!{venv}/bin/".encode()
        for script in (venv / "bin").iterdir():
            target = self.env_bin / script.name
            if script.is_symlink():
                target.symlink_to(os.readlink(script))
                continue
            data = script.read_bytes()
            if data.startswith(old):  # console scripts: their shebang names the environment
                target.write_bytes(f"#!{env}/bin/".encode() + data[len(old):])
                target.chmod(script.stat().st_mode)
            else:
                shutil.copy2(script, target)
        home = (self.python_home or Path(sys.base_prefix)) / "bin"
        cfg = (venv / "pyvenv.cfg").read_text(encoding="utf-8").splitlines()
        (env / "pyvenv.cfg").write_text("".join(
            (f"home = {home}" if line.startswith("home") else line) + "\n"
            for line in cfg if not line.startswith(("executable", "command"))))
        subprocess.run(["chmod", "-R", "a+rX", str(env / "etc"), str(self.env_bin)], check=True)
        env.chmod(0o755)

    def _jupyter_config(self):
        """What the guide has the admin do to the users' environment (sections 2 and 5)."""
        etc = self.env_prefix / "etc" / "jupyter"
        self.etc = etc
        shutil.copy2(TRUST_CONFIG, etc / "jupyter_server_config.py")
        self.exchange = self.base / "exchange"
        self.exchange.mkdir()
        self.exchange.chmod(0o777)
        (etc / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.Exchange.root = {str(self.exchange)!r}\n")
        for command in ADMIN_COMMANDS:  # students get the Assignments tab only
            self.run_as_admin(*command)
        subprocess.run(["chmod", "-R", "a+rX", str(etc)], check=True)

    def run_as_admin(self, *command):
        """A command of the guide run by the admin (root), with the users' environment first
        on PATH (on TLJH: `sudo -E`); its output must not report a failure, whatever its
        exit status (`jupyter server extension` exits 0 when it refuses)."""
        env = dict(os.environ, PATH=f"{self.env_bin}:/usr/local/bin:/usr/bin:/bin",
                   **self.python_env())
        for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_CONFIG_PATH", "JUPYTER_DATA_DIR",
                    "PYTHONPATH", "VIRTUAL_ENV"):
            env.pop(key, None)
        done = subprocess.run([str(self.env_bin / command[0]), *command[1:]], env=env,
                              capture_output=True, text=True, timeout=600)
        failed(done, command, "root", FAILURES)
        return done

    def python_env(self):
        return ({"LD_LIBRARY_PATH": str(self.python_home / "lib")} if self.python_home
                else {})

    def home(self, name):
        return self.base / "home" / name

    def _add_user(self, name):
        home = self.home(name)
        subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--shell",
                        "/bin/bash", "--user-group", name], check=True, capture_output=True)
        home.chmod(0o700)
        for setting, values in LAB_SETTINGS.items():
            target = home / ".jupyter" / "lab" / "user-settings" / setting
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        subprocess.run(["chown", "-R", f"{name}:{name}", str(home / ".jupyter")], check=True)

    def env(self, name):
        """The environment of this user's server (and of commands run as them)."""
        return {
            "HOME": str(self.home(name)), "USER": name, "LOGNAME": name, "SHELL": "/bin/bash",
            "PATH": f"{self.env_bin}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "MICROGRAD_COURSE": str(self.course),
            "PYTHONPATH": str(self.course),
            "GIT_CONFIG_SYSTEM": str(self.gitconfig),
            **self.python_env(),
        }

    def run_as(self, name, *command, cwd=None, check=True, timeout=600):
        """Run a command as this user, in their home, with their server's environment."""
        done = subprocess.run(
            [str(c) for c in command], user=name, group=name, extra_groups=[],
            env=self.env(name), cwd=cwd or self.home(name), capture_output=True, text=True,
            timeout=timeout)
        if check:
            failed(done, command, name)
        return done

    def _teacher(self):
        """What the guide has the teacher do once, in a terminal of their own."""
        home = self.home(TEACHER)
        self.grading = home / "grading"
        for command in TEACHER_COMMANDS:
            command = command.replace("{course}", str(self.course))
            done = self.run_as(TEACHER, "bash", "-c", command)
            failed(done, command, TEACHER, FAILURES)

    # --- the hub ------------------------------------------------------------------------------

    def start_hub(self):
        hub = self.base / "hub"
        self.port, hub_port, api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        spawner_env = {k: v for k, v in self.env(TEACHER).items()
                       if k not in ("HOME", "USER", "LOGNAME", "SHELL")}
        config = hub / "jupyterhub_config.py"
        config.write_text(f"""\
c = get_config()
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy()!r}]
c.ConfigurableHTTPProxy.pid_file = {str(hub / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{hub / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(hub / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(hub / "hub.pid")!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {self.password!r}
c.Authenticator.allowed_users = {set(self.users)!r}
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{str(self.env_bin / "jupyterhub-singleuser")!r}]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {spawner_env!r}
c.Spawner.args = ["--LabApp.news_url=None",
                  "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
""")
        self.hub_log = hub / "jupyterhub.log"
        log = self.hub_log.open("w")
        env = dict(os.environ, PATH=f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}")
        for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_CONFIG_PATH", "JUPYTER_DATA_DIR",
                    "JUPYTER_RUNTIME_DIR", "PYTHONPATH"):
            env.pop(key, None)
        self.hub = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=hub,
                                    env=env, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.hub.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with {self.hub.returncode}:\n"
                                   + self.log_tail())
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterHub did not answer in {START_TIMEOUT} s:\n"
                                       + self.log_tail()) from None
                time.sleep(0.5)

    def log_tail(self, chars=4000):
        try:
            return self.hub_log.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no hub log)"

    def stop_hub(self):
        if self.hub is None:
            return
        if self.hub.poll() is None:  # the hub stops every server and its proxy on SIGTERM
            self.hub.send_signal(signal.SIGTERM)
            try:
                self.hub.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.hub.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.hub.wait(timeout=10)
        proxy = self.base / "hub" / "proxy.pid"
        if proxy.exists():  # a proxy the hub did not stop (it starts it in a session of its own)
            try:
                pid = int(proxy.read_text().strip())
                if Path(f"/proc/{pid}/cmdline").read_bytes().find(b"configurable-http") >= 0:
                    os.kill(pid, signal.SIGTERM)
            except (ValueError, OSError):
                pass
        self.hub = None

    def close(self):
        try:
            self.stop_hub()
        finally:
            end_processes_of(self.users)
            for name in self.users:
                remove_user(name)
            if not self.keep and getattr(self, "base", None):
                shutil.rmtree(self.base, ignore_errors=True)

    # --- links --------------------------------------------------------------------------------

    def pull_link(self, notebook):
        """The nbgitpuller link that hands out the course and opens notebooks/<notebook>."""
        query = urllib.parse.urlencode({
            "repo": f"file://{self.bare}", "branch": "main", "targetpath": "micrograd-course",
            "urlpath": f"lab/tree/micrograd-course/notebooks/{notebook}"})
        return f"{self.url}/hub/user-redirect/git-pull?{query}"

    def uid(self, name):
        return pwd.getpwnam(name).pw_uid

    def gid(self, name):
        return pwd.getpwnam(name).pw_gid

    def student_copy(self, name):
        return self.home(name) / "micrograd-course"


def log_in(page, classroom, name):
    """Log in at the hub's login page, as a student does."""
    page.goto(f"{classroom.url}/hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(classroom.password)
    page.locator("#login_submit").click()
    page.wait_for_url("**/hub/**", wait_until="commit")
