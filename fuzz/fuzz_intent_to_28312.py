"""Coverage-guided fuzzing of intent-to-28312: `python fuzz/fuzz_intent_to_28312.py CORPUS_DIR [libFuzzer flags]`."""

from target import fuzz

if __name__ == "__main__":
    fuzz("intent-to-28312")
