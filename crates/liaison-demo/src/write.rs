//! Writing a planned data set into a store: one transaction, through the core's save use cases (so every rule,
//! the change log and the search index apply exactly as for data typed in or imported).

use liaison_core::roster::{deputy, platform, region};
use liaison_core::{Result, Store};

use crate::{DemoCity, DemoSummary};

/// Saves `city` into `store` as `operator`, regions first, then platforms, then deputies, in one transaction:
/// either all of it is stored or nothing is. Saving the same plan again changes nothing.
pub fn write(store: &mut Store, city: &DemoCity, operator: &str) -> Result<DemoSummary> {
    store.write(operator, |w| {
        for r in &city.regions {
            region::save(w, r)?;
        }
        for p in &city.platforms {
            platform::save(w, p)?;
        }
        for d in &city.deputies {
            deputy::save(w, d)?;
        }
        Ok(DemoSummary {
            regions: city.regions.len(),
            platforms: city.platforms.len(),
            deputies: city.deputies.len(),
            ..DemoSummary::default()
        })
    })
}
