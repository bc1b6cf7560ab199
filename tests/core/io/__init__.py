"""Tests of clustermanager.io."""
