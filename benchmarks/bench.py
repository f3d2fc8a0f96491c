"""Benchmark this course's micrograd against micrograd 0.1.0 from PyPI, side by side.

    .venv/bin/python benchmarks/bench.py            # full run (a few minutes), writes results,
                                                    # then times the notebook suite under nbval
    .venv/bin/python benchmarks/bench.py --quick    # smoke run: 1 round, few steps, no files
    .venv/bin/python benchmarks/bench.py --no-notebooks   # leave out the notebook suite
    .venv/bin/python benchmarks/bench.py --full-ref # also train 0.1.0 for all 100 steps once
                                                    # (about 4 min; cached in benchmarks/.cache)

Both packages are called `micrograd`, so 0.1.0 is never installed: it is downloaded with
`pip download` into benchmarks/.cache and unpacked there. Every measurement runs in a fresh
worker process (`python -I bench.py --worker ...`) whose sys.path starts with the folder of the
engine under test; the worker checks `micrograd.__file__` before it measures anything. The two
engines' workers alternate, A B A B, for several rounds; the tables give medians and ratios.

Measurements (the workload is Karpathy's demo: 100 moons points with noise 0.1, an MLP
2-16-16-1 with ReLU hidden layers and a linear output, mean hinge loss + 1e-4 * sum(p*p),
SGD with lr = 1.0 - 0.9*k/100):
  engine   one training step written against the bare `Value` API (+, *, relu, backward), the
           same script text for both engines, Python's default GC settings
  e2e      ours: micrograd.train.train if it exists (else the demo's loop on our MLP, marked as
           such); 0.1.0: the demo's own loop, fed numpy float64 scalars as in the demo notebook
  memory   nodes in one step's graph, and bytes per node of that graph while it is held
           (tracemalloc); peak RSS of the workers (resource.getrusage)
  depth    backward() through a chain of relu nodes: a million deep on ours; timed at a depth
           both survive; the deepest chain 0.1.0's recursive topological sort survives
  notebooks  the course's whole notebook suite under nbval (strict output comparison), timed
           once after the workers, with nothing else of the benchmark running
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
REF_VERSION = "0.1.0"
REF_ROOT = CACHE / f"micrograd-{REF_VERSION}"
FULL_REF_CACHE = CACHE / f"ref-{REF_VERSION}-full-training.json"
ENGINES = {"ours": REPO, "0.1.0": REF_ROOT}

SEED = 1337
N_POINTS, NOISE = 100, 0.1
SIZES = [2, 16, 16, 1]
STEPS = 100
ALPHA = 1e-4

GOALS = {  # how many times better than 0.1.0 ours should be
    "engine": 5.0,
    "e2e": 10.0,
    "bytes_per_node": 3.0,
}
NOTEBOOK_SUITE_GOAL_S = 120.0  # the whole notebook suite under nbval, on 2 cores
NBVAL_ARGS = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with",
              "course_tools/nbval_sanitize.cfg", "-p", "course_tools.optional_notebooks",
              "-p", "no:cacheprovider", "-q"]


# =============================================================================================
# the worker: runs in its own process, imports exactly one micrograd
# =============================================================================================

def worker(spec):
    root = Path(spec["root"])
    sys.path.insert(0, str(root))
    import micrograd

    expected = root / "micrograd" / "__init__.py"
    actual = Path(micrograd.__file__).resolve()
    assert actual == expected.resolve(), f"imported {actual}, expected {expected}"
    import resource

    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = TASKS[spec["task"]](spec)
    result["micrograd_file"] = str(actual)
    result["rss_baseline_kb"] = baseline_kb
    result["rss_peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


def make_moons(n, noise, seed):
    """Two interleaving half circles plus Gaussian noise: X (n, 2) float64, y (n,) in {-1, 1}."""
    import numpy as np

    rng = np.random.RandomState(seed)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0, np.pi, n_out)
    t_in = np.linspace(0, np.pi, n_in)
    X = np.vstack([np.column_stack([np.cos(t_out), np.sin(t_out)]),
                   np.column_stack([1 - np.cos(t_in), 1 - np.sin(t_in) - 0.5])])
    y = np.concatenate([np.zeros(n_out, dtype=np.int64), np.ones(n_in, dtype=np.int64)])
    order = rng.permutation(n)
    X, y = X[order], y[order]
    X = X + rng.normal(scale=noise, size=X.shape)
    return X, y * 2 - 1


def initial_parameters(sizes, seed):
    """0.1.0's initialisation, in parameters() order: per neuron, weights uniform(-1, 1), bias 0.

    Both engines start from these numbers, so their losses can be compared step by step.
    """
    import random

    random.seed(seed)
    flat = []
    for nin, nout in zip(sizes, sizes[1:]):
        for _ in range(nout):
            flat.extend(random.uniform(-1, 1) for _ in range(nin))
            flat.append(0.0)
    return flat


# ---- the bare-Value workload: identical text for both engines ----------------------------------

def bare_model(Value, sizes, seed):
    """Layers as lists: [(weight rows, biases, relu?), ...], and the flat parameter list."""
    flat = iter(initial_parameters(sizes, seed))
    layers, params = [], []
    for i, (nin, nout) in enumerate(zip(sizes, sizes[1:])):
        rows, biases = [], []
        for _ in range(nout):
            row = [Value(next(flat)) for _ in range(nin)]
            b = Value(next(flat))
            rows.append(row)
            biases.append(b)
            params.extend(row)
            params.append(b)
        layers.append((rows, biases, i < len(sizes) - 2))
    return layers, params


def bare_loss(Value, layers, params, X, Y):
    scores = []
    for x0, x1 in X:
        h = [Value(x0), Value(x1)]
        for rows, biases, relu in layers:
            out = []
            for row, b in zip(rows, biases):
                act = b
                for w, x in zip(row, h):
                    act = act + w * x
                out.append(act.relu() if relu else act)
            h = out
        scores.append(h[0])
    total = None
    for y, score in zip(Y, scores):
        hinge = (score * (-y) + 1.0).relu()
        total = hinge if total is None else total + hinge
    data_loss = total * (1.0 / len(scores))
    reg = None
    for p in params:
        reg = p * p if reg is None else reg + p * p
    loss = data_loss + reg * ALPHA
    accuracy = sum((y > 0) == (s.data > 0) for y, s in zip(Y, scores)) / len(Y)
    return loss, accuracy


def bare_step(Value, layers, params, X, Y, k):
    loss, accuracy = bare_loss(Value, layers, params, X, Y)
    for p in params:
        p.grad = 0.0
    loss.backward()
    lr = 1.0 - 0.9 * k / STEPS
    for p in params:
        p.data -= lr * p.grad
    return loss.data, accuracy


def moons_as_floats():
    X, y = make_moons(N_POINTS, NOISE, SEED)
    return X.tolist(), [float(v) for v in y]


def task_engine(spec):
    from micrograd.engine import Value

    X, Y = moons_as_floats()
    layers, params = bare_model(Value, SIZES, SEED)
    times, losses = [], []
    for k in range(spec["warmup"] + spec["steps"]):
        t0 = time.perf_counter()
        loss, _ = bare_step(Value, layers, params, X, Y, k)
        t1 = time.perf_counter()
        losses.append(loss)
        if k >= spec["warmup"]:
            times.append(t1 - t0)
    return {"step_s": times, "losses": losses}


def count_nodes(root):
    """Distinct nodes reachable from `root` through `_prev` (a tuple in ours, a set in 0.1.0)."""
    seen, stack = {id(root)}, [root]
    while stack:
        for parent in stack.pop()._prev:
            if id(parent) not in seen:
                seen.add(id(parent))
                stack.append(parent)
    return len(seen)


def task_memory(spec):
    import gc
    import tracemalloc

    from micrograd.engine import Value

    X, Y = moons_as_floats()
    layers, params = bare_model(Value, SIZES, SEED)
    bare_step(Value, layers, params, X, Y, 0)  # one step first: every parameter has a float grad
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    loss, _ = bare_loss(Value, layers, params, X, Y)
    gc.collect()
    after_forward = tracemalloc.get_traced_memory()[0]
    loss.backward()
    gc.collect()
    after_backward = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    nodes = count_nodes(loss)
    return {"nodes": nodes,
            "bytes_per_node_forward": (after_forward - before) / nodes,
            "bytes_per_node_backward": (after_backward - before) / nodes}


def relu_chain(Value, depth):
    nodes = [Value(1.0)]
    for _ in range(depth):
        nodes.append(nodes[-1].relu())
    return nodes


def time_backward(Value, depth, repeats):
    nodes = relu_chain(Value, depth)
    times = []
    for _ in range(repeats):
        for v in nodes:  # fresh gradients each time, outside the timed part
            v.grad = 0.0
        t0 = time.perf_counter()
        nodes[-1].backward()
        times.append(time.perf_counter() - t0)
        assert nodes[0].grad == 1.0, nodes[0].grad  # relu'(1) = 1 all along the chain
    return statistics.median(times)


def survives(Value, depth):
    try:
        time_backward(Value, depth, 1)
        return True
    except RecursionError:
        return False


def task_depth(spec):
    from micrograd.engine import Value

    out = {"recursionlimit": sys.getrecursionlimit()}
    out["backward_small_s"] = time_backward(Value, spec["small_depth"], spec["small_repeats"])
    if spec["find_max"]:  # bisection between a depth that works and one that fails
        lo, hi = 1, spec["huge_depth"]
        if survives(Value, hi):
            out["max_depth"] = f">= {hi}"
        else:
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if survives(Value, mid) else (lo, mid)
            out["max_depth"] = lo
    if spec["huge"]:
        t0 = time.perf_counter()
        x = v = Value(1.0)
        for _ in range(spec["huge_depth"]):
            v = v.relu()
        t1 = time.perf_counter()
        v.backward()
        t2 = time.perf_counter()
        ok = x.grad == 1.0
        del x, v  # frees the chain: must not crash either
        t3 = time.perf_counter()
        out.update(huge_ok=ok, huge_build_s=t1 - t0, huge_backward_s=t2 - t1, huge_free_s=t3 - t2)
    # a deeper chain, with the recursion limit raised for both engines equally
    sys.setrecursionlimit(spec["big_depth"] + 5000)
    try:
        out["backward_big_s"] = time_backward(Value, spec["big_depth"], spec["big_repeats"])
    except RecursionError:
        out["backward_big_s"] = None
    return out


# ---- end to end: each package's own training loop ------------------------------------------

def demo_loss_010(model, Value, X, y):
    """Karpathy's demo loss, as in his notebook: numpy rows and labels go straight into Value."""
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = ALPHA * sum(p * p for p in model.parameters())
    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
    return data_loss + reg_loss, sum(accuracy) / len(accuracy)


def demo_loop(model, loss_fn, steps):
    times, losses, accs = [], [], []
    for k in range(steps):
        t0 = time.perf_counter()
        total_loss, acc = loss_fn()
        model.zero_grad()
        total_loss.backward()
        lr = 1.0 - 0.9 * k / STEPS
        for p in model.parameters():
            p.data -= lr * p.grad
        times.append(time.perf_counter() - t0)
        losses.append(float(total_loss.data))
        accs.append(float(acc))
    return times, losses, accs


def task_e2e(spec):
    import micrograd

    X, y = make_moons(N_POINTS, NOISE, SEED)
    init = initial_parameters(SIZES, SEED)
    if spec["engine"] == "0.1.0":
        from micrograd.engine import Value
        from micrograd.nn import MLP

        model = MLP(2, SIZES[1:])
        for p, v in zip(model.parameters(), init):
            p.data = v if v != 0.0 else 0  # 0.1.0 starts its biases at the int 0
        times, losses, accs = demo_loop(model, lambda: demo_loss_010(model, Value, X, y),
                                        spec["steps"])
        return {"loop": "Karpathy's demo loop, numpy inputs", "step_s": times,
                "losses": losses, "accuracies": accs, "steps": spec["steps"]}

    from micrograd.nn import MLP

    model = MLP(2, SIZES[1:], activation="relu", linear_output=True)
    assert len(model.parameters()) == len(init)
    for p, v in zip(model.parameters(), init):
        p.data = v
    Xf, yf = X.tolist(), [float(v) for v in y]
    try:
        from micrograd.train import train
    except ImportError:
        train = None
    if train is None:
        from micrograd.engine import Value

        def loss_fn():  # the demo's loss, on plain floats
            scores = [model([Value(a), Value(b)]) for a, b in Xf]
            losses = [(1.0 + -yi * s).relu() for yi, s in zip(yf, scores)]
            data_loss = sum(losses) * (1.0 / len(losses))
            reg_loss = ALPHA * sum(p * p for p in model.parameters())
            acc = sum((yi > 0) == (s.data > 0) for yi, s in zip(yf, scores)) / len(yf)
            return data_loss + reg_loss, acc

        times, losses, accs = demo_loop(model, loss_fn, spec["steps"])
        return {"loop": "FALLBACK: demo loop on our MLP (micrograd.train not found)",
                "step_s": times, "losses": losses, "accuracies": accs, "steps": spec["steps"],
                "version": getattr(micrograd, "__version__", "?")}
    return run_our_train(train, model, Xf, yf, spec["steps"])


def run_our_train(train, model, X, y, steps):
    """micrograd.train.train on the canonical workload; per-step times from its callback."""
    import inspect

    needed = {"steps", "learning_rate", "loss", "alpha", "callback"}
    missing = needed - set(inspect.signature(train).parameters)
    if missing:
        raise TypeError(f"micrograd.train.train{inspect.signature(train)} lacks {missing}; "
                        "adapt run_our_train in benchmarks/bench.py")
    stamps = [time.perf_counter()]

    def tick(step, history):
        stamps.append(time.perf_counter())

    history = train(model, X, y, steps=steps, learning_rate=lambda k, n: 1.0 - 0.9 * k / STEPS,
                    loss="max-margin", alpha=ALPHA, callback=tick)
    return {"loop": "micrograd.train.train (max-margin, alpha=1e-4, lr 1.0 - 0.9*k/100)",
            "step_s": [b - a for a, b in zip(stamps, stamps[1:])],
            "losses": list(history.loss), "accuracies": list(history.accuracy),
            "steps": steps}


TASKS = {"engine": task_engine, "memory": task_memory, "depth": task_depth, "e2e": task_e2e}


# =============================================================================================
# the driver: fetch 0.1.0, run the workers interleaved, summarise
# =============================================================================================

def fetch_reference():
    if (REF_ROOT / "micrograd" / "__init__.py").exists():
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", f"micrograd=={REF_VERSION}",
                    "--no-deps", "--only-binary=:all:", "--disable-pip-version-check",
                    "--quiet", "-d", str(CACHE)], check=True)
    wheel = next(CACHE.glob(f"micrograd-{REF_VERSION}-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(REF_ROOT)


def run_worker(engine, task, **params):
    spec = {"engine": engine, "task": task, "root": str(ENGINES[engine]), **params}
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("COVERAGE_", "PYTHON"))}  # no coverage tracing, no PYTHONPATH
    proc = subprocess.run([sys.executable, "-I", str(Path(__file__).resolve()), "--worker",
                           json.dumps(spec)], capture_output=True, text=True, env=env,
                          cwd=str(HERE))
    if proc.returncode != 0:
        raise RuntimeError(f"{engine} {task} worker failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def collect(args):
    """Run every task for both engines, A B A B, and gather the raw results."""
    raw = {e: {"engine": [], "e2e": [], "memory": [], "depth": []} for e in ENGINES}
    q = args.quick
    plans = {
        "engine": {"ours": {"warmup": 1, "steps": 3 if q else 10},
                   "0.1.0": {"warmup": 1, "steps": 1 if q else 3}},
        "e2e": {"ours": {"steps": 10 if q else STEPS},
                "0.1.0": {"steps": 2 if q else args.ref_steps}},
        "memory": {"ours": {}, "0.1.0": {}},
        "depth": {"ours": {"small_depth": 900, "small_repeats": 50 if q else 300,
                           "big_depth": 20_000, "big_repeats": 3 if q else 10,
                           "huge": True, "huge_depth": 100_000 if q else 1_000_000,
                           "find_max": False},
                  "0.1.0": {"small_depth": 900, "small_repeats": 50 if q else 300,
                            "big_depth": 20_000, "big_repeats": 3 if q else 10,
                            "huge": False, "huge_depth": 100_000, "find_max": True}},
    }
    for r in range(args.rounds):
        for task in ("engine", "e2e", "memory", "depth"):
            if task in ("memory", "depth") and r > 0 and q:
                continue
            for engine in ENGINES:  # A B, every round
                t0 = time.perf_counter()
                res = run_worker(engine, task, **plans[task][engine])
                raw[engine][task].append(res)
                print(f"  round {r + 1}/{args.rounds}  {task:6} {engine:5} "
                      f"{time.perf_counter() - t0:6.1f} s", flush=True)
    return raw


def full_reference(run):
    """0.1.0 trained for all 100 steps, once: final loss and accuracy, cached."""
    if FULL_REF_CACHE.exists():
        return json.loads(FULL_REF_CACHE.read_text())
    if not run:
        return None
    print("  training 0.1.0 for all 100 steps once (cached afterwards) ...", flush=True)
    res = run_worker("0.1.0", "e2e", steps=STEPS)
    out = {"final_loss": res["losses"][-1], "final_accuracy": res["accuracies"][-1],
           "losses": res["losses"], "median_step_s": statistics.median(res["step_s"])}
    FULL_REF_CACHE.write_text(json.dumps(out))
    return out


def notebook_suite():
    """Run every notebook under nbval, as `course.py test` does, and time it (one run)."""
    sys.path.insert(0, str(REPO))
    from course_tools import notebooks as course_notebooks

    notebooks = [p.name for p in course_notebooks()]
    cmd = [sys.executable, "-m", "pytest", "notebooks", *NBVAL_ARGS]
    print("  timing the notebook suite under nbval ...", flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=str(REPO), capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    lines = proc.stdout.strip().splitlines()
    return {"seconds": seconds, "notebooks": notebooks, "returncode": proc.returncode,
            "summary": lines[-1] if lines else proc.stderr.strip()[-200:],
            "command": "time .venv/bin/python -m pytest notebooks " + " ".join(NBVAL_ARGS)}


def goals_table(rows, suite):
    """Markdown: each goal, what was measured, and whether it was met."""
    lines = ["| goal | measured | |", "|---|---:|---|"]
    for x in rows:
        if x["goal"] is not None:
            lines.append(f"| {x['measure']}: ≥ {x['goal']:g}× better than 0.1.0 "
                         f"| {x['ratio']:.1f}× | {x['met']} |")
    if suite is not None:
        ok = suite["returncode"] == 0
        met = "met" if ok and suite["seconds"] <= NOTEBOOK_SUITE_GOAL_S else "MISSED"
        lines.append(f"| the whole notebook suite under nbval: ≤ {NOTEBOOK_SUITE_GOAL_S:g} s "
                     f"| {suite['seconds']:.0f} s{'' if ok else ' (FAILED)'} | {met} |")
    return "\n".join(lines)


def per_round_ratios(ours, ref, skip=0):
    """0.1.0's median step time over ours, round by round (workers paired A B in each round)."""
    return [med(b["step_s"][skip:]) / med(a["step_s"][skip:]) for a, b in zip(ours, ref)]


def med(values):
    return statistics.median(values) if values else float("nan")


def summarise(raw, ref_full):
    o, r = raw["ours"], raw["0.1.0"]
    rows = []  # (measure, ours, 0.1.0, ratio "× better", goal, met)

    def row(name, ours, ref, ratio=None, goal=None, fmt="{:.4g}"):
        met = "" if goal is None or ratio is None else ("met" if ratio >= goal else "MISSED")
        rows.append({"measure": name, "ours": ours if isinstance(ours, str) else fmt.format(ours),
                     "ref": ref if isinstance(ref, str) else fmt.format(ref),
                     "ratio": ratio, "goal": goal, "met": met})

    eng_o = med([t for res in o["engine"] for t in res["step_s"]])
    eng_r = med([t for res in r["engine"] for t in res["step_s"]])
    row("engine alone: s per step (bare Value script)", eng_o, eng_r, eng_r / eng_o,
        GOALS["engine"])
    same_script_loss = abs(o["engine"][0]["losses"][0] - r["engine"][0]["losses"][0])

    e2e_o_res = o["e2e"][0]
    # step 0 of every worker is left out: it starts with no garbage from earlier steps
    e2e_o = med([t for res in o["e2e"] for t in res["step_s"][1:]])
    e2e_r = med([t for res in r["e2e"] for t in res["step_s"][1:]])
    row("end to end: s per training step", e2e_o, e2e_r, e2e_r / e2e_o, GOALS["e2e"])
    steps_o = e2e_o_res["steps"]
    ref_loss = ref_full["final_loss"] if ref_full else None
    row(f"end to end: loss after {steps_o} steps", e2e_o_res["losses"][-1],
        "not run" if ref_loss is None or steps_o != STEPS else ref_loss, fmt="{:.6f}")
    row(f"end to end: accuracy after {steps_o} steps", e2e_o_res["accuracies"][-1],
        "not run" if ref_full is None or steps_o != STEPS else ref_full["final_accuracy"],
        fmt="{:.0%}")
    ref_losses = ref_full["losses"] if ref_full else r["e2e"][0]["losses"]
    k = min(len(ref_losses), len(e2e_o_res["losses"]))
    loss_diff = max(abs(a - b) for a, b in zip(e2e_o_res["losses"][:k], ref_losses))

    nodes_o, nodes_r = o["memory"][0]["nodes"], r["memory"][0]["nodes"]
    row("nodes in one step's graph", nodes_o, nodes_r, fmt="{:,}")
    for key, label in (("bytes_per_node_forward", "bytes per node, graph held after forward"),
                       ("bytes_per_node_backward", "bytes per node, held after backward")):
        bo = med([res[key] for res in o["memory"]])
        br = med([res[key] for res in r["memory"]])
        goal = GOALS["bytes_per_node"] if key.endswith("forward") else None
        row(label, bo, br, br / bo, goal, fmt="{:.0f}")
    for task in ("engine", "e2e"):
        po = med([res["rss_peak_kb"] for res in o[task]]) / 1024
        pr = med([res["rss_peak_kb"] for res in r[task]]) / 1024
        bo = med([res["rss_baseline_kb"] for res in o[task]]) / 1024
        br = med([res["rss_baseline_kb"] for res in r[task]]) / 1024
        row(f"peak RSS of the {task} worker, MiB (above start-up)",
            f"{po:.0f} ({po - bo:.0f})", f"{pr:.0f} ({pr - br:.0f})", (pr - br) / (po - bo))

    d_o, d_r = o["depth"], r["depth"]
    small_o = med([x["backward_small_s"] for x in d_o])
    small_r = med([x["backward_small_s"] for x in d_r])
    depth = 900
    row(f"backward through a {depth}-deep chain, ms", small_o * 1e3, small_r * 1e3,
        small_r / small_o, fmt="{:.3f}")
    big_o = med([x["backward_big_s"] for x in d_o if x["backward_big_s"] is not None])
    big_vals_r = [x["backward_big_s"] for x in d_r if x["backward_big_s"] is not None]
    big_r = med(big_vals_r)
    row("backward, 20,000 deep (recursion limit raised for both), ms", big_o * 1e3,
        big_r * 1e3 if big_vals_r else "failed", big_r / big_o if big_vals_r else None,
        fmt="{:.2f}")
    huge = d_o[0]
    huge_n = f"{raw['_plan_huge']:,}"
    row("deepest chain backward() survives (default recursion limit)",
        f">= {huge_n} (ok={huge['huge_ok']}, backward {huge['huge_backward_s']:.2f} s)",
        f"{d_r[0]['max_depth']} (limit {d_r[0]['recursionlimit']})")
    checks = {"same_script_first_loss_diff": same_script_loss,
              "e2e_loss_trajectory_max_diff": loss_diff, "e2e_steps_compared": k,
              "e2e_ours_loop": e2e_o_res["loop"], "e2e_ref_loop": r["e2e"][0]["loop"],
              "ours_file": o["engine"][0]["micrograd_file"],
              "ref_file": r["engine"][0]["micrograd_file"],
              "ratio_per_round": {task: per_round_ratios(o[task], r[task], skip=skip)
                                  for task, skip in (("engine", 0), ("e2e", 1))}}
    return rows, checks


def cpu_model():
    """The processor's name, from /proc/cpuinfo on Linux (platform.processor() is often empty)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load_average():
    """The 1-minute load average: other work on the machine slows both engines alike."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):
        return "unknown"


def markdown(rows, checks, args, ref_full, elapsed):
    lines = ["| measure | ours | micrograd 0.1.0 | ours is × better | goal | |",
             "|---|---:|---:|---:|---:|---|"]
    for x in rows:
        ratio = "" if x["ratio"] is None else f"{x['ratio']:.1f}×"
        goal = "" if x["goal"] is None else f"≥ {x['goal']:g}×"
        lines.append(f"| {x['measure']} | {x['ours']} | {x['ref']} | {ratio} | {goal} "
                     f"| {x['met']} |")
    table = "\n".join(lines)
    env = (f"Python {platform.python_version()} ({platform.python_implementation()}), "
           f"{platform.system()} {platform.machine()}, {cpu_model()}, {os.cpu_count()} CPUs; "
           f"load average {load_average()} when the report was written; "
           f"{args.rounds} rounds, workers interleaved A B A B; total {elapsed:.0f} s; "
           f"{time.strftime('%Y-%m-%d %H:%M')}")
    notes = [
        f"- Environment: {env}.",
        "- Each figure is a median over rounds (and over timed steps within a worker). "
        "Ratio round by round: engine alone "
        + ", ".join(f"{x:.1f}×" for x in checks["ratio_per_round"]["engine"])
        + "; end to end " + ", ".join(f"{x:.1f}×" for x in checks["ratio_per_round"]["e2e"])
        + ".",
        "- Garbage collector: the engine-alone script runs with Python's default settings for "
        "both engines. End to end, ours is `train()`, which pauses the cyclic collector while it "
        "trains (our graphs hold no reference cycles); 0.1.0's closures put every node in a "
        "cycle, so its loop needs the collector and runs with it on.",
        f"- Engine alone: the same script for both; first-step loss difference "
        f"{checks['same_script_first_loss_diff']:.2e}.",
        f"- End to end, ours: {checks['e2e_ours_loop']}; 0.1.0: {checks['e2e_ref_loop']}, "
        f"{args.ref_steps} steps per worker; per-step medians leave out each worker's first "
        "step. Both start from the same initial parameters (0.1.0's initialisation, seed "
        f"1337); the loss over the first {checks['e2e_steps_compared']} steps differs by at "
        f"most {checks['e2e_loss_trajectory_max_diff']:.2e}.",
        ("- 0.1.0 trained for all 100 steps once (cached): final loss "
         f"{ref_full['final_loss']:.6f}, accuracy {ref_full['final_accuracy']:.0%}."
         if ref_full else "- 0.1.0 full 100-step training not run (use --full-ref)."),
        "- Bytes per node: tracemalloc, net memory of one step's graph while it is held, "
        "divided by the nodes reachable from the loss.",
        "- Depth: a chain of relu nodes; 0.1.0's recursive topological sort sets the limit. "
        "The 20,000-deep timing raises sys.setrecursionlimit to 25,000 in both workers.",
        f"- Imported: ours `{checks['ours_file']}`, 0.1.0 `{checks['ref_file']}`.",
    ]
    return table, "\n".join(notes)


def chart(rows, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bars = [x for x in rows if x["ratio"] is not None]
    names = [x["measure"] for x in bars][::-1]
    ratios = [x["ratio"] for x in bars][::-1]
    goals = [x["goal"] for x in bars][::-1]
    fig, ax = plt.subplots(figsize=(11, 0.6 * len(bars) + 1.8))
    colors = ["tab:green" if g is None or v >= g else "tab:red" for v, g in zip(ratios, goals)]
    colors = [c if g is not None else "tab:gray" for c, g in zip(colors, goals)]
    ax.barh(names, ratios, color=colors)
    for i, (v, g) in enumerate(zip(ratios, goals)):
        ax.text(v * 1.05, i, f"{v:.1f}×", va="center")
        if g is not None:
            ax.plot([g, g], [i - 0.4, i + 0.4], color="black", lw=2)
    ax.axvline(1, color="gray", ls=":", lw=1)
    ax.set_xscale("log")
    ax.set_xlim(min(0.5, min(ratios) / 1.5), max(ratios + [g for g in goals if g]) * 3)
    ticks = [t for t in (0.5, 1, 2, 3, 5, 10, 20, 50, 100) if t <= ax.get_xlim()[1]]
    ax.set_xticks(ticks, [f"{t:g}×" for t in ticks])
    ax.minorticks_off()
    ax.set_xlabel("how many times better ours is than micrograd 0.1.0 (log scale)\n"
                  "black tick: the goal; green: goal met, red: goal missed, gray: no goal")
    fig.suptitle("micrograd-course vs micrograd 0.1.0 (medians of interleaved runs)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def results_markdown(goals, table, notes, suite, argv):
    """The whole of results.md: how to reproduce it, the goals, the figures, the notes."""
    args = " ".join(argv if argv is not None else sys.argv[1:])
    command = ".venv/bin/python benchmarks/bench.py" + (f" {args}" if args else "")
    parts = ["# micrograd-course vs micrograd 0.1.0", "",
             f"Reproduce with `{command}` from the repository root (a few minutes on 2 "
             "cores; 0.1.0 is downloaded into benchmarks/.cache on the first run). Machines "
             "differ: compare the ratios, which come from the two engines run in turns on the "
             "same machine, rather than the seconds.", "",
             "## Goals", "", goals, "",
             "## Figures", "", table, "", notes]
    if suite is not None:
        parts += ["", "## The notebook suite", "",
                  f"- `{suite['command']}`: {suite['seconds']:.0f} s, "
                  f"goal ≤ {NOTEBOOK_SUITE_GOAL_S:g} s; pytest says: {suite['summary']}.",
                  f"- Notebooks at the time ({len(suite['notebooks'])}): "
                  + ", ".join(f"`{n}`" for n in suite["notebooks"]) + "."]
    # the widgets' figures are browser_bench.py's: kept as it last wrote them
    old = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.is_file() else ""
    if BROWSER_START in old:
        parts += ["", old[old.index(BROWSER_START):].rstrip("\n")]
    return "\n".join(parts) + "\n"


RESULTS_MD = Path(__file__).resolve().parent / "results.md"
BROWSER_START = "<!-- browser_bench.py writes from here to the end -->"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 1 round, few steps, "
                    "writes no result files unless --out is given")
    ap.add_argument("--rounds", type=int, default=None, help="A B rounds (default 3; quick 1)")
    ap.add_argument("--ref-steps", type=int, default=4,
                    help="0.1.0 end-to-end steps per worker, the first untimed (1-2.5 s each)")
    ap.add_argument("--full-ref", action="store_true",
                    help="train 0.1.0 for all 100 steps once, for its final loss and accuracy")
    ap.add_argument("--out", type=Path, default=None,
                    help="folder for results.md and results.png (default benchmarks/)")
    ap.add_argument("--notebooks", action=argparse.BooleanOptionalAction, default=None,
                    help="also time the whole notebook suite under nbval (default: on for a "
                    "full run, off with --quick)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(json.loads(args.worker))
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.quick:
        args.ref_steps = 3
    out = args.out or (None if args.quick else HERE)
    start = time.perf_counter()
    fetch_reference()
    raw = collect(args)
    raw["_plan_huge"] = 100_000 if args.quick else 1_000_000
    ref_full = full_reference(args.full_ref)
    rows, checks = summarise(raw, ref_full)
    table, notes = markdown(rows, checks, args, ref_full, time.perf_counter() - start)
    run_suite = (not args.quick) if args.notebooks is None else args.notebooks
    suite = notebook_suite() if run_suite else None
    goals = goals_table(rows, suite)
    print()
    print(goals)
    print()
    print(table)
    print()
    print(notes)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "results.md").write_text(results_markdown(goals, table, notes, suite, argv))
        chart(rows, out / "results.png")
        (out / "results.json").write_text(json.dumps({"rows": rows, "checks": checks,
                                                      "notebook_suite": suite, "raw": raw},
                                                     indent=1))
        print(f"\nwrote {out / 'results.md'}, {out / 'results.png'}, {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
