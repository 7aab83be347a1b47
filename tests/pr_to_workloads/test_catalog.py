"""The shipped NF catalog and performance profiles are what their models (functions/models/workloads.py) describe."""

import pytest
from oran_intent_krm.models.workloads import NFCatalogEntry, PerformanceProfile
from oran_intent_krm.pr_to_workloads.catalog import CATALOG, PROFILES


@pytest.mark.parametrize("nf_type", sorted(CATALOG))
def test_each_shipped_catalog_entry_is_a_valid_nf_catalog_entry(nf_type):
    NFCatalogEntry.model_validate(CATALOG[nf_type])


@pytest.mark.parametrize("performance_class", sorted(PROFILES))
def test_each_shipped_profile_is_a_valid_performance_profile(performance_class):
    PerformanceProfile.model_validate(PROFILES[performance_class])
