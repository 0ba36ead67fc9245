"""Bad options of the 排比 detector give a clear error."""

import pytest

from bqw_research.textstat import rhetoric as rh


@pytest.mark.parametrize("min_items", [1, 0, -3])
def test_a_series_of_fewer_than_two_members_is_refused(min_items):
    with pytest.raises(ValueError, match=f"min_items must be at least 2.*got {min_items}"):
        rh.detect_parallelism("党委带头学、部门系统学、基层全面学。", min_items=min_items)
