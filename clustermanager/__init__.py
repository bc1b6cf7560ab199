"""ClusterManager: members, fees, activities, projects and progress reports for innovation clusters."""

__version__ = "0.1.0"
