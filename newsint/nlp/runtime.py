"""The ONNX runtime every shipped network runs on, kept apart from spaCy so that loading a model needs no parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def onnx_session(path: Path, threads: int) -> Any:
    """An onnxruntime session on the CPU with `threads` intra-op threads and no log noise.

    One worker per core is the unit of scale (issue 31), so a session runs its nodes one after another
    (sequential, one inter-op thread) on `threads` intra-op threads, with every graph optimisation
    (node fusions, int8 kernels) applied once at load.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
