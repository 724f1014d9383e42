"""Helpers the tests share: builders of small plans, readers of built files, the fuzzing
strategies, the fidelity measures. A helper that computes something a test relies on (the
formula evaluator) has its own test module here; every other test lives beside the
package it tests."""
