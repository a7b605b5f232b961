"""The demo:rgba dataset and Scatter's stratified folds, reproduced exactly in Python.

Both use only 64-bit integer arithmetic on SplitMix64, as Scatter's Java does (RgbaDemo.java, Folds.java), so
the rows and the fold of every row are the same here as in Scatter, on every machine.
"""

import hashlib

MASK = (1 << 64) - 1
DEMO_SEED = 0x53434154544552  # "SCATTER" in ASCII


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def unit(c):
    """c / 255 to four decimals, rounded half up, as RgbaDemo writes it."""
    q = (c * 20000 + 255) // 510
    return f"{q // 10000}.{q % 10000:04d}"


def rgba_csv(rows=1000):
    """The bytes of demo:rgba with the given number of rows, as `submit sweep --data demo:rgba:ROWS` makes them."""
    random = SplitMix64(DEMO_SEED)
    lines = ["r,g,b,a,label"]
    for _ in range(rows):
        r, g, b, a = (random.next() >> 56 for _ in range(4))
        noise = -62 + sum(random.next() >> 59 for _ in range(4))
        seen_r = (r * a + 255 * (255 - a)) // 255
        seen_b = (b * a + 255 * (255 - a)) // 255
        label = "red" if seen_r - seen_b + noise > 0 else "blue"
        lines.append(",".join(unit(c) for c in (r, g, b, a)) + "," + label)
    return ("\n".join(lines) + "\n").encode("ascii")


def stratified_folds(classes, class_count, k, seed):
    """Scatter's fold of each row: per class (sorted), a seeded Fisher-Yates shuffle, then dealt round-robin."""
    random = SplitMix64(seed)
    fold = [0] * len(classes)
    nxt = 0
    for c in range(class_count):
        rows = [i for i, y in enumerate(classes) if y == c]
        for i in range(len(rows) - 1, 0, -1):
            j = random.next() % (i + 1)
            rows[i], rows[j] = rows[j], rows[i]
        for row in rows:
            fold[row] = nxt
            nxt = (nxt + 1) % k
    return fold


def sha256(data):
    return hashlib.sha256(data).hexdigest()
