"""Coverage-guided fuzzing of slo-gate-validator: `python fuzz/fuzz_slo_gate_validator.py CORPUS_DIR [libFuzzer flags]`."""

from target import fuzz

if __name__ == "__main__":
    fuzz("slo-gate-validator")
