//! 汇总梳理 / 分析研判: groups of similar matters that no unit holds yet (待研判, 待交办), across stations, so that
//! the office can merge each group into one dispatch (并案, [`super::merge`]).
//!
//! # The rule, stated so a clerk can check it
//!
//! Two matters are similar when they have **the same category**, **the same place** (the place as the station
//! wrote it, ignoring spaces and punctuation; matters without a place are never grouped) and **similar text**: the
//! Jaccard index of the sets of adjacent character pairs (bigrams) of title and detail together, ignoring spaces and
//! punctuation, is at least [`THRESHOLD_PERCENT`] %. A group is a connected set of such pairs (A like B, B like C).
//! Every group says why, e.g. 「同类别「城乡建设」· 同地点「湛河区南环路」· 文字相似度 78%」, the percentage being the
//! weakest and strongest link that holds the group together.
//!
//! The order is deterministic: larger groups first, then the stronger weakest link, then the smallest code; inside
//! a group, matters by code.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::events;
use super::model::State;
use super::state::fold;
use crate::error::Result;

/// The least text similarity, in percent, for two matters of the same category and place to be grouped.
pub const THRESHOLD_PERCENT: u32 = 40;

/// Which matters to look at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct SimilarFilter {
    /// Only stations in this county-level region or below (the region's code or id).
    #[serde(default)]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub county: Option<String>,
    /// Only this category.
    #[serde(default)]
    #[cfg_attr(feature = "ipc", specta(optional))]
    pub category: Option<String>,
}

/// One matter of a group (no citizen's personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct SimilarMatter {
    /// Code.
    pub code: String,
    /// Station code.
    pub station_code: String,
    /// Title.
    pub title: String,
    /// 待研判 or 待交办.
    pub state: State,
    /// Its Chinese label.
    pub state_label: String,
    /// When the citizen came (RFC 3339).
    pub received_at: String,
    /// How many citizens came with it.
    pub citizens: u32,
}

/// Similar matters, and why they are grouped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct SimilarGroup {
    /// The shared category.
    pub category: String,
    /// The shared place, as the first matter wrote it.
    pub place: String,
    /// The weakest link's text similarity, in percent.
    pub min_percent: u32,
    /// The strongest link's text similarity, in percent.
    pub max_percent: u32,
    /// Why, in Chinese: 「同类别「…」· 同地点「…」· 文字相似度 78%」.
    pub reason: String,
    /// The matters, by code.
    pub matters: Vec<SimilarMatter>,
}

/// A candidate as read.
struct Candidate {
    matter: SimilarMatter,
    category: String,
    place: String,
    bigrams: BTreeSet<(char, char)>,
}

/// The groups of similar open, unassigned matters in `filter`'s scope.
pub fn similar(conn: &Connection, filter: &SimilarFilter) -> Result<Vec<SimilarGroup>> {
    let mut states: BTreeMap<String, State> = BTreeMap::new();
    events::for_each_matter(conn, None, |id, events| {
        if let Some(state @ (State::Registered | State::ToAssign)) = fold(events).state {
            states.insert(id.to_owned(), state);
        }
        Ok(())
    })?;
    let query =
        super::MatterFilter { county: filter.county.clone(), category: filter.category.clone(), ..Default::default() };
    let mut candidates = Vec::new();
    for row in candidates_in(conn, &query)? {
        let (id, matter, category, place, text) = row;
        let Some(state) = states.get(&id) else { continue };
        let matter = SimilarMatter { state: *state, state_label: state.label().to_owned(), ..matter };
        candidates.push(Candidate { matter, category, bigrams: bigrams(&text), place });
    }
    Ok(group(candidates))
}

/// A row: id, the matter's list fields, category, place, title and detail.
type Row = (String, SimilarMatter, String, String, String);

/// Every matter in the filter's scope (station, county, category: the list's own SQL), with its text.
fn candidates_in(conn: &Connection, filter: &super::MatterFilter) -> Result<Vec<Row>> {
    let (sql, params) = filter.scoped_sql(
        "SELECT m.id, m.code, p.code, m.title, v.received_at, v.head_count, m.category, m.place, m.detail
           FROM matters m JOIN visits v ON v.id = m.visit_id JOIN platforms p ON p.id = v.station_id",
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        let title: String = r.get(3)?;
        let detail: String = r.get(8)?;
        let matter = SimilarMatter {
            code: r.get(1)?,
            station_code: r.get(2)?,
            title: title.clone(),
            state: State::Registered,
            state_label: String::new(),
            received_at: r.get(4)?,
            citizens: r.get(5)?,
        };
        Ok((r.get(0)?, matter, r.get(6)?, r.get(7)?, format!("{title}{detail}")))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Letters, digits and CJK characters of `text`, lower-cased: spaces and punctuation say nothing of the issue.
fn normalized(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The set of adjacent character pairs of the normalized text (a one-character text is its own pair).
fn bigrams(text: &str) -> BTreeSet<(char, char)> {
    let chars: Vec<char> = normalized(text).chars().collect();
    match chars.as_slice() {
        [] => BTreeSet::new(),
        [only] => [(*only, *only)].into(),
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    }
}

/// The Jaccard index of two bigram sets, in whole percent (rounded down, so the threshold is never rounded up to).
fn percent(a: &BTreeSet<(char, char)>, b: &BTreeSet<(char, char)>) -> u32 {
    let union = a.union(b).count();
    if union == 0 {
        return 0;
    }
    (a.intersection(b).count() * 100 / union) as u32
}

/// Groups candidates: same category and normalized place, then connected pairs at or above the threshold.
fn group(candidates: Vec<Candidate>) -> Vec<SimilarGroup> {
    let mut buckets: BTreeMap<(String, String), Vec<Candidate>> = BTreeMap::new();
    for c in candidates {
        let place = normalized(&c.place);
        // Without a place "the same place" cannot be said.
        if !place.is_empty() {
            buckets.entry((c.category.clone(), place)).or_default().push(c);
        }
    }
    let mut groups = Vec::new();
    for (_, mut bucket) in buckets {
        bucket.sort_by(|a, b| a.matter.code.cmp(&b.matter.code));
        let n = bucket.len();
        // Union-find over the links at or above the threshold; each link's percentage is kept for the reason.
        let mut parent: Vec<usize> = (0..n).collect();
        let mut links: Vec<(usize, usize, u32)> = Vec::new();
        for (i, a) in bucket.iter().enumerate() {
            for (j, b) in bucket.iter().enumerate().skip(i + 1) {
                let p = percent(&a.bigrams, &b.bigrams);
                if p >= THRESHOLD_PERCENT {
                    links.push((i, j, p));
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..n {
            let r = root(&mut parent, i);
            members.entry(r).or_default().push(i);
        }
        for (r, indices) in members {
            if indices.len() < 2 {
                continue;
            }
            // The weakest link that still holds the group: the strongest links joining it (a maximum spanning
            // tree), of which the smallest; the strongest is the best pair.
            let mut own: Vec<(usize, usize, u32)> =
                links.iter().copied().filter(|(i, _, _)| root(&mut parent, *i) == r).collect();
            own.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
            let max_percent = own.first().map_or(0, |l| l.2);
            let min_percent = spanning_minimum(&own, n);
            let first = &bucket[indices[0]];
            let (category, place) = (first.category.clone(), first.place.trim().to_owned());
            let shown = if min_percent == max_percent {
                format!("{max_percent}%")
            } else {
                format!("{min_percent}%–{max_percent}%")
            };
            groups.push(SimilarGroup {
                reason: format!("同类别「{category}」· 同地点「{place}」· 文字相似度 {shown}"),
                category,
                place,
                min_percent,
                max_percent,
                matters: indices.iter().map(|i| bucket[*i].matter.clone()).collect(),
            });
        }
    }
    groups.sort_by(|a, b| {
        b.matters
            .len()
            .cmp(&a.matters.len())
            .then(b.min_percent.cmp(&a.min_percent))
            .then_with(|| a.matters[0].code.cmp(&b.matters[0].code))
    });
    groups
}

/// The smallest link of a maximum spanning tree of `links` (sorted strongest first) over `n` nodes: the weakest
/// similarity the group cannot do without.
fn spanning_minimum(links: &[(usize, usize, u32)], n: usize) -> u32 {
    let mut parent: Vec<usize> = (0..n).collect();
    let mut weakest = u32::MAX;
    for &(i, j, p) in links {
        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
        if a != b {
            parent[a.max(b)] = a.min(b);
            weakest = weakest.min(p);
        }
    }
    if weakest == u32::MAX { 0 } else { weakest }
}

/// The root of `i` in a union-find forest, compressing the path.
fn root(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut k = i;
    while parent[k] != r {
        let up = parent[k];
        parent[k] = r;
        k = up;
    }
    r
}

#[cfg(test)]
mod tests {
    //! The similarity on hand-made texts, the grouping rule, and the whole query on a real store.

    use super::*;

    fn pct(a: &str, b: &str) -> u32 {
        percent(&bigrams(a), &bigrams(b))
    }

    #[test]
    fn text_similarity_on_hand_made_texts() {
        #[rustfmt::skip]
        let table: &[(&str, &str, u32)] = &[
            // Identical texts, and the same text with other punctuation and spaces.
            ("南环路路灯不亮", "南环路路灯不亮", 100),
            ("南环路路灯不亮！", "南环路 路灯，不亮", 100),
            // 南环 环路 路路 路灯 灯不 不亮 (6) vs 南环 环路 路路 路灯 灯坏 坏了 (6): 4 shared of 8.
            ("南环路路灯不亮", "南环路路灯坏了", 50),
            // Nothing in common.
            ("南环路路灯不亮", "幼儿园学位紧张", 0),
            // One character each.
            ("灯", "灯", 100),
            ("", "", 0),
        ];
        for (a, b, want) in table {
            assert_eq!(pct(a, b), *want, "{a} / {b}");
            assert_eq!(pct(b, a), *want, "symmetric: {a} / {b}");
        }
    }

    fn candidate(code: &str, category: &str, place: &str, text: &str) -> Candidate {
        Candidate {
            matter: SimilarMatter {
                code: code.into(),
                station_code: code.split('-').next().unwrap_or_default().into(),
                title: text.into(),
                state: State::Registered,
                state_label: "待研判".into(),
                received_at: String::new(),
                citizens: 1,
            },
            category: category.into(),
            place: place.into(),
            bigrams: bigrams(text),
        }
    }

    fn codes(g: &SimilarGroup) -> Vec<&str> {
        g.matters.iter().map(|m| m.code.as_str()).collect()
    }

    #[test]
    fn groups_need_the_same_category_the_same_place_and_similar_text() {
        let lamp = "南环路路灯不亮，晚上出行不便";
        let groups = group(vec![
            candidate("B-02", "城乡建设", "湛河区南环路", "南环路路灯坏了，晚上出行不便"),
            candidate("A-01", "城乡建设", "湛河区 南环路", lamp),
            // Same text, another category: not grouped.
            candidate("C-01", "交通出行", "湛河区南环路", lamp),
            // Same text and category, another place: not grouped.
            candidate("D-01", "城乡建设", "新华区中兴路", lamp),
            // Same category and place, other text: not grouped.
            candidate("E-01", "城乡建设", "湛河区南环路", "小区垃圾清运不及时"),
            // A chain: F is like G, G is like H, F and H share less.
            candidate("F-01", "教育", "卫东区", "幼儿园学位紧张报名难"),
            candidate("G-01", "教育", "卫东区", "幼儿园学位紧张入园难"),
            candidate("H-01", "教育", "卫东区", "公办幼儿园学位紧张入园难"),
            // No place: never grouped.
            candidate("J-01", "教育", "", "幼儿园学位紧张报名难"),
            candidate("K-01", "教育", "", "幼儿园学位紧张报名难"),
        ]);
        assert_eq!(groups.len(), 2, "{groups:#?}");
        assert_eq!(codes(&groups[0]), vec!["F-01", "G-01", "H-01"], "the larger group first");
        assert_eq!(codes(&groups[1]), vec!["A-01", "B-02"], "by code inside a group");
        let g = &groups[1];
        let p = pct(lamp, "南环路路灯坏了，晚上出行不便");
        assert!(p >= THRESHOLD_PERCENT, "{p}");
        assert_eq!((g.min_percent, g.max_percent), (p, p));
        assert_eq!(g.reason, format!("同类别「城乡建设」· 同地点「湛河区 南环路」· 文字相似度 {p}%"));
        let chain = &groups[0];
        assert!(chain.min_percent < chain.max_percent, "{chain:?}");
        assert!(chain.reason.ends_with(&format!("文字相似度 {}%–{}%", chain.min_percent, chain.max_percent)));
    }

    #[test]
    fn the_order_does_not_depend_on_the_input_order() {
        let make = || {
            vec![
                candidate("A-01", "城乡建设", "南环路", "南环路路灯不亮"),
                candidate("B-01", "城乡建设", "南环路", "南环路路灯不亮了"),
                candidate("C-01", "教育", "卫东区", "幼儿园学位紧张"),
                candidate("D-01", "教育", "卫东区", "幼儿园学位很紧张"),
            ]
        };
        let forward = group(make());
        let mut reversed = make();
        reversed.reverse();
        assert_eq!(group(reversed), forward);
        assert_eq!(forward.len(), 2);
        assert!(forward[0].min_percent >= forward[1].min_percent);
    }
}
