"""The descent chapter's training loop in plain Python: the reference the bench compares with.

Same data as cells/11-fitting.md (or the bench's generated points), and the same arithmetic in
the same order as cells/17-descent.md's `y`, `gradient` and `update`, so after k iterations w and b
equal the page's to the last bit. Prints one JSON object.

    python3 descent.py [--points N --seed S] [--learning-rate LR] [--seconds 2] [--check K]
"""
import argparse
import json
import time

LESSON_DATA = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.20], [6, 3.82], [7, 4.38], [8, 4.97]]
M = 0xFFFFFFFF


def generated(points, seed):
    """Noisy points near y = 0.6 x + 0.2, from mulberry32: the same as scripts/bench/data.ts."""
    s = seed & M

    def imul(a, b):
        return (a * b) & M

    def random():
        nonlocal s
        s = (s + 0x6D2B79F5) & M
        t = imul(s ^ (s >> 15), 1 | s)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & M) ^ t
        return (t ^ (t >> 14)) / 4294967296

    data = []
    for _ in range(points):
        x = random()
        data.append([x, 0.6 * x + 0.2 + (random() + random() - 1) * 0.1])
    return data


def y(x, w, b):
    return w * x + b


def gradient(data, w, b):
    dw = 0
    db = 0
    for x, target in data:
        error = y(x, w, b) - target
        dw += error * x
        db += error
    return dw, db


def update(data, learning_rate, w, b):
    dw, db = gradient(data, w, b)
    return w - learning_rate * dw, b - learning_rate * db


def descend(data, learning_rate, iterations, w=1.0, b=0.0):
    for _ in range(iterations):
        w, b = update(data, learning_rate, w, b)
    return w, b


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=0, help="generated points (0: the lesson's data)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--learning-rate", type=float, default=0.001)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--check", type=int, default=1000, help="also give w, b after this many iterations")
    args = parser.parse_args()
    data = generated(args.points, args.seed) if args.points else LESSON_DATA
    lr = args.learning_rate

    check_w, check_b = descend(data, lr, args.check)
    # Run whole batches until the time is up; the clock is read once per batch.
    batch = max(1, 20000 // len(data))
    w, b, iterations = 1.0, 0.0, 0
    start = time.perf_counter()
    while True:
        w, b = descend(data, lr, batch, w, b)
        iterations += batch
        elapsed = time.perf_counter() - start
        if elapsed >= args.seconds:
            break
    print(json.dumps({
        "points": len(data),
        "iterations": iterations,
        "seconds": elapsed,
        "iterations_per_s": iterations / elapsed,
        "check": {"iterations": args.check, "w": check_w, "b": check_b},
        "sum": sum(x + t for x, t in data),
    }))


if __name__ == "__main__":
    main()
