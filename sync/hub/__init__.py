"""The reference hub: the marketplace's pop-up API, runnable as is (``popup-hub serve``)."""
