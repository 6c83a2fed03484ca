"""Quality layer: faithfulness and degenerate-output guards on every brief, plus the eval harness."""
