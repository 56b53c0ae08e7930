"""The Spark engine: `storylens analyze --engine spark` (local mode or spark-submit).

pyspark is imported only when a run starts, so the rest of storylens never pays for it.
"""

from .engine import SparkOptions, analyze_spark, default_checkpoint

__all__ = ["SparkOptions", "analyze_spark", "default_checkpoint"]
