"""Coverage-guided fuzzing of 28312-to-pr: `python fuzz/fuzz_ts28312_to_pr.py CORPUS_DIR [libFuzzer flags]`."""

from target import fuzz

if __name__ == "__main__":
    fuzz("28312-to-pr")
