"""Coverage-guided fuzzing of pr-to-workloads: `python fuzz/fuzz_pr_to_workloads.py CORPUS_DIR [libFuzzer flags]`."""

from target import fuzz

if __name__ == "__main__":
    fuzz("pr-to-workloads")
