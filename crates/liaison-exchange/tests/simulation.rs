//! The whole sync path under random schedules: the city office and three stations (XH-01..03), each a real
//! database with its own keys in its own temp folder, enrolled through real enrollment files, exchanging real
//! sealed bundle files through per-link mailbox folders.
//!
//! A schedule is a random run of steps: an edit of a field on a random node — a deputy's public contact or work
//! unit (the roster, which every node holds) or the clerk of a visit (a station's own record, which only that
//! station and the office hold); the office and the stations edit the same fields, so many edits are concurrent
//! —, a station recording a new visit of its own, a node saving one of two new deputies through the roster's use
//! case (whichever nodes save one before they hold it create it, offline, under the id derived from its code, so
//! their inserts merge like concurrent edits), an export from a node to one of its peers into that link's
//! mailbox, and a delivery that takes a random file from a mailbox (reordering), sometimes leaves it there to be
//! delivered again (duplication) or throws it away (loss: its changes must come again in a later bundle). Then delivery settles: every leftover file is delivered in
//! random order, the stations export to the office, the office to every station, all of it delivered.
//!
//! The test keeps its own model, independent of the code under test except for the stamp each edit was given (the
//! node's HLC, read back from the database): every write of every field with the write its author had in front of
//! it (the register of the author's node, which the model computes as the greatest stamp among the writes the
//! model says that node holds), and, per node, the writes it holds (a delivered bundle brings everything its sender
//! held when it was cut, down to a station only what it shares: the link's acknowledgements only ever skip what
//! the recipient already holds). Checked:
//!
//! - after every delivery, the recipient's registers are exactly the model's (and it holds no other station's);
//! - after settling, each station holds exactly the office's `field_state` and conflict rows for what they share
//!   (the roster and that station's visits: a bundle down carries nothing of the other stations' records);
//! - the conflict rows of each field are exactly the losing values the model expects: the writes nobody wrote over
//!   (the tips of the field's write graph) other than the winner, the greatest stamp. Two edits made without either
//!   author having seen the other's are both tips until someone writes over them, so every concurrent losing value
//!   is there; a sequential edit leaves no row.
//!
//! The schedule comes from a seed; a failing case prints it (`LIAISON_SYNC_SIM_SEED=<seed>
//! LIAISON_SYNC_SIM_CASES=1` replays it; which of two concurrent edits wins depends on the wall clock, so a replay
//! may pick the other winner). `LIAISON_SYNC_SIM_CASES` sets the number of schedules (a long run: thousands).
//! Enrollment is done once; every schedule starts from a copy of the four enrolled folders.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{DEPUTIES, Node, STATIONS, deputy_input, enroll};
use liaison_core::Store;
use liaison_core::changelog::{EntityKind, Fields, Op};
use liaison_core::roster::deputy::{self, DeputyInput};
use liaison_core::roster::roster_id;
use liaison_core::sync::{ImportResult, conflicts};
use liaison_exchange::{export, identity, import};
use liaison_sync::NodeKeys;
use rusqlite::OptionalExtension;

const FIELDS: [&str; 2] = ["public_contact", "work_unit"];
/// Deputies no node holds at the start (code, name): any node may create one, several the same one.
const NEW_DEPUTIES: [(&str, &str); 2] = [("D000101", "新代表甲"), ("D000102", "新代表乙")];
const OFFICE: usize = 0;
const NODES: usize = 4;
/// Schedules in a default run (CI): some 40 s on two cores; `LIAISON_SYNC_SIM_CASES` for a long run.
const DEFAULT_CASES: u64 = 2000;
const DEFAULT_SEED: u64 = 0x6c69_6169_736f_6e00;

/// SplitMix64: small, seedable, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
}

/// A stamp as the model orders them: `(hlc, node_id)`.
type Stamp = (i64, String);

/// One field the model follows: a deputy's (roster: everyone's) or a visit's clerk (its station's and the
/// office's).
#[derive(Debug, Clone)]
struct Key {
    entity: EntityKind,
    entity_id: String,
    field: &'static str,
    /// The station node whose record it is (`None`: the roster).
    owner: Option<usize>,
}

impl Key {
    /// True when `node` is meant to hold this field.
    fn shared_with(&self, node: usize) -> bool {
        node == OFFICE || self.owner.is_none_or(|owner| owner == node)
    }
}

/// One write of one field.
#[derive(Debug)]
struct Write {
    key: usize,
    value: String,
    stamp: Stamp,
    /// The write its author's node held as the register when it was made (none for a record's first write).
    base: Option<usize>,
}

struct Model {
    keys: Vec<Key>,
    writes: Vec<Write>,
    /// Per node, the writes it holds.
    holds: Vec<BTreeSet<usize>>,
}

impl Model {
    /// The register of `key` on `node`: the greatest stamp among the writes it holds.
    fn register(&self, node: usize, key: usize) -> Option<usize> {
        self.holds[node]
            .iter()
            .copied()
            .filter(|&w| self.writes[w].key == key)
            .max_by(|&a, &b| self.writes[a].stamp.cmp(&self.writes[b].stamp))
    }

    /// What a bundle from `from` to `to` cut now brings: everything `from` holds, down to a station only the
    /// roster and that station's records.
    fn carried(&self, from: usize, to: usize) -> BTreeSet<usize> {
        self.holds[from].iter().copied().filter(|&w| self.keys[self.writes[w].key].shared_with(to)).collect()
    }

    /// The losing values of `key` once every write is everywhere: the tips other than the winner.
    fn expected_losers(&self, key: usize) -> BTreeSet<(String, Stamp)> {
        let of_key: Vec<usize> = (0..self.writes.len()).filter(|&w| self.writes[w].key == key).collect();
        let based: BTreeSet<usize> = self.writes.iter().filter_map(|w| w.base).collect();
        let tips: Vec<usize> = of_key.iter().copied().filter(|w| !based.contains(w)).collect();
        let winner = *of_key.iter().max_by(|&&a, &&b| self.writes[a].stamp.cmp(&self.writes[b].stamp)).unwrap();
        assert!(tips.contains(&winner), "the winner of a field is a write nobody wrote over");
        tips.into_iter()
            .filter(|&w| w != winner)
            .map(|w| (self.writes[w].value.clone(), self.writes[w].stamp.clone()))
            .collect()
    }
}

/// One installation of a schedule: a copy of an enrolled template folder.
struct SimNode {
    dir: tempfile::TempDir,
    store: Store,
    keys: NodeKeys,
    node_id: String,
}

const OPERATOR: &str = "王芳 (wangfang)";

impl SimNode {
    fn copy_of(template: &Path) -> SimNode {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(template, dir.path());
        let store = Store::open(&dir.path().join("desk.db")).unwrap();
        let keys = identity::load_or_create(&store).unwrap();
        let node_id = store.node_id().to_owned();
        SimNode { dir, store, keys, node_id }
    }

    fn mailbox(&self, to: usize) -> PathBuf {
        let path = self.dir.path().join(format!("to-{to}"));
        std::fs::create_dir_all(&path).unwrap();
        path
    }

    /// The register of `key` here, if held: its value (JSON text) and stamp.
    fn register(&self, key: &Key) -> Option<(String, Stamp)> {
        self.store
            .conn()
            .query_row(
                "SELECT value, hlc, node_id FROM field_state WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
                [key.entity.as_str(), &key.entity_id, key.field],
                |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
            )
            .optional()
            .unwrap()
    }

    /// Writes `value` into `key` as a local edit.
    fn edit(&mut self, key: &Key, value: &str) {
        let fields: Fields = [(key.field.to_owned(), serde_json::json!(value))].into();
        self.store.write(OPERATOR, |w| w.change(key.entity, &key.entity_id, Op::Update, fields).map(drop)).unwrap();
    }

    /// Saves a deputy as a person would ([`deputy::save`]): created under the id derived from its code when this
    /// node does not hold it, else only the fields that differ are written.
    fn save_deputy(&mut self, code: &str, name: &str, contact: &str, work_unit: &str) {
        let input = DeputyInput {
            code: code.into(),
            name: name.into(),
            public_contact: contact.into(),
            work_unit: work_unit.into(),
            ..deputy_input("D000001")
        };
        self.store.write(OPERATOR, |w| deputy::save(w, &input).map(drop)).unwrap();
    }

    /// Records a visit at this station (its own record): the visit's id.
    fn new_visit(&mut self, station: &str, n: u64, clerk: &str) -> String {
        let station_id: String =
            self.store.conn().query_row("SELECT id FROM platforms WHERE code = ?1", [station], |r| r.get(0)).unwrap();
        let id = format!("visit-{station}-{n}");
        let fields: Fields = [
            ("station_id".to_owned(), serde_json::json!(station_id)),
            ("received_at".to_owned(), serde_json::json!("2026-11-20T02:00:00+00:00")),
            ("channel".to_owned(), serde_json::json!("visit")),
            ("clerk".to_owned(), serde_json::json!(clerk)),
        ]
        .into();
        self.store.write(OPERATOR, |w| w.change(EntityKind::Visit, &id, Op::Insert, fields).map(drop)).unwrap();
        id
    }

    /// `(entity, entity_id, the whole row)` of every register.
    fn synced_state(&self) -> Vec<(String, String, String)> {
        self.rows("SELECT entity, entity_id, field, value, hlc, node_id FROM field_state ORDER BY 1, 2, 3")
    }

    fn conflict_rows(&self) -> Vec<(String, String, String)> {
        self.rows(
            "SELECT entity, entity_id, field, value, hlc, node_id, resolved_at IS NULL FROM sync_conflicts
             ORDER BY 1, 2, 3, 5, 6",
        )
    }

    fn rows(&self, sql: &str) -> Vec<(String, String, String)> {
        let mut stmt = self.store.conn().prepare(sql).unwrap();
        let columns = stmt.column_count();
        stmt.query_map([], |r| {
            let row = (0..columns)
                .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                .collect::<Result<Vec<_>, _>>()?
                .join("|");
            Ok((r.get(0)?, r.get(1)?, row))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The office and three stations, enrolled through real files, their databases closed: the folders every
/// schedule copies.
fn enrolled_template() -> Vec<tempfile::TempDir> {
    let mut office = Node::office();
    let mut stations: Vec<Node> = STATIONS.iter().map(|code| Node::station(code)).collect();
    for (station, code) in stations.iter_mut().zip(STATIONS) {
        enroll(&mut office, station, code);
    }
    std::iter::once(office)
        .chain(stations)
        .map(|node| {
            let Node { dir, store, .. } = node;
            drop(store);
            dir
        })
        .collect()
}

/// A bundle file waiting in a mailbox, with the writes its sender held when it was cut.
struct InFlight {
    path: PathBuf,
    carries: BTreeSet<usize>,
}

struct Schedule {
    nodes: Vec<SimNode>,
    model: Model,
    /// `(from, to)` → files waiting.
    mailboxes: BTreeMap<(usize, usize), Vec<InFlight>>,
    counter: u64,
    log: Vec<String>,
}

impl Schedule {
    fn start(template: &[tempfile::TempDir]) -> Schedule {
        let nodes: Vec<SimNode> = template.iter().map(|dir| SimNode::copy_of(dir.path())).collect();
        let mut keys = Vec::new();
        let mut writes = Vec::new();
        for code in DEPUTIES {
            let id: String = nodes[OFFICE]
                .store
                .conn()
                .query_row("SELECT id FROM deputies WHERE code = ?1", [code], |r| r.get(0))
                .unwrap();
            for field in FIELDS {
                let key = Key { entity: EntityKind::Deputy, entity_id: id.clone(), field, owner: None };
                let (json, stamp) = nodes[OFFICE].register(&key).unwrap();
                for node in &nodes {
                    assert_eq!(
                        node.register(&key),
                        Some((json.clone(), stamp.clone())),
                        "enrollment brought the roster"
                    );
                }
                let value = serde_json::from_str(&json).unwrap();
                writes.push(Write { key: keys.len(), value, stamp, base: None });
                keys.push(key);
            }
        }
        let all: BTreeSet<usize> = (0..writes.len()).collect();
        Schedule {
            nodes,
            model: Model { keys, writes, holds: vec![all; NODES] },
            mailboxes: BTreeMap::new(),
            counter: 0,
            log: Vec::new(),
        }
    }

    fn value(&mut self, node: usize, key: usize) -> String {
        self.counter += 1;
        if self.model.keys[key].field == "public_contact" {
            format!("0375-{}", 2_000_000 + self.counter * 10 + node as u64)
        } else {
            format!("值{node}-{}", self.counter)
        }
    }

    /// The writes `(key, value, base)` of one change just made on `node`: checks their stamp and records them.
    fn record(&mut self, node: usize, made: Vec<(usize, String, Option<usize>)>) {
        let newest = self.model.holds[node].iter().map(|&w| &self.model.writes[w].stamp).max().unwrap().clone();
        for (key, value, base) in made {
            let (json, stamp) = self.nodes[node].register(&self.model.keys[key]).unwrap();
            assert_eq!(json, serde_json::json!(value).to_string(), "a local write is the register at once");
            assert!(stamp > newest, "a write's stamp is after everything its node holds");
            self.log.push(format!("node {node}: key {key} = {value} over write {base:?}"));
            self.model.writes.push(Write { key, value, stamp, base });
            let id = self.model.writes.len() - 1;
            self.model.holds[node].insert(id);
        }
    }

    /// Edits a random field `node` holds.
    fn edit(&mut self, rng: &mut Rng, node: usize) {
        let held: Vec<usize> = (0..self.model.keys.len()).filter(|&k| self.model.register(node, k).is_some()).collect();
        let key = held[rng.below(held.len())];
        let value = self.value(node, key);
        let base = self.model.register(node, key);
        self.nodes[node].edit(&self.model.keys[key], &value);
        self.record(node, vec![(key, value, base)]);
    }

    /// `node` saves one of the new deputies with new values of the followed fields: its creation on this node if
    /// the node does not hold that deputy yet (an insert over nothing), else an edit of the registers it holds.
    fn save_new_deputy(&mut self, rng: &mut Rng, node: usize) {
        let (code, name) = NEW_DEPUTIES[rng.below(NEW_DEPUTIES.len())];
        let entity_id = roster_id(EntityKind::Deputy, code);
        let keys: Vec<usize> =
            FIELDS.iter().map(|&field| self.roster_key(EntityKind::Deputy, &entity_id, field)).collect();
        let made: Vec<(usize, String, Option<usize>)> =
            keys.iter().map(|&key| (key, self.value(node, key), self.model.register(node, key))).collect();
        let value_of = |field: &str| made[FIELDS.iter().position(|f| *f == field).unwrap()].1.clone();
        let (contact, work_unit) = (value_of("public_contact"), value_of("work_unit"));
        self.nodes[node].save_deputy(code, name, &contact, &work_unit);
        self.record(node, made);
    }

    /// The model's key of a roster field, added on first use.
    fn roster_key(&mut self, entity: EntityKind, entity_id: &str, field: &'static str) -> usize {
        let known =
            self.model.keys.iter().position(|k| k.entity == entity && k.entity_id == entity_id && k.field == field);
        known.unwrap_or_else(|| {
            self.model.keys.push(Key { entity, entity_id: entity_id.to_owned(), field, owner: None });
            self.model.keys.len() - 1
        })
    }

    /// A station records a visit of its own.
    fn new_visit(&mut self, station: usize) {
        let key = self.model.keys.len();
        self.model.keys.push(Key {
            entity: EntityKind::Visit,
            entity_id: String::new(),
            field: "clerk",
            owner: Some(station),
        });
        let clerk = self.value(station, key);
        let id = self.nodes[station].new_visit(STATIONS[station - 1], self.counter, &clerk);
        self.model.keys[key].entity_id = id;
        self.record(station, vec![(key, clerk, None)]);
    }

    fn export(&mut self, from: usize, to: usize) {
        let mailbox = self.nodes[from].mailbox(to);
        let to_id = self.nodes[to].node_id.clone();
        let node = &mut self.nodes[from];
        let exported = export::export_to(&mut node.store, &node.keys, OPERATOR, &to_id, false, &mailbox).unwrap();
        self.log.push(format!("export {from}→{to}: bundle {} ({} changes)", exported.bundle, exported.changes));
        let carries = self.model.carried(from, to);
        self.mailboxes.entry((from, to)).or_default().push(InFlight { path: exported.path, carries });
    }

    /// Imports one file at `to` and checks the recipient against the model.
    fn import(&mut self, to: usize, file: &InFlight) {
        let node = &mut self.nodes[to];
        let receipt = import::import_file(&mut node.store, &node.keys, OPERATOR, &file.path)
            .unwrap_or_else(|e| panic!("importing {}: {e}", file.path.display()));
        assert_eq!(receipt.result, ImportResult::Ok, "{}: {}", file.path.display(), receipt.reason);
        self.log.push(format!("import at {to}: {} (applied {})", file.path.display(), receipt.applied));
        self.model.holds[to].extend(file.carries.iter().copied());
        self.check_registers(to);
    }

    /// Every register `node` holds is the model's, and it holds nothing the model says it does not.
    fn check_registers(&self, node: usize) {
        for (k, key) in self.model.keys.iter().enumerate() {
            let expected = self.model.register(node, k).map(|w| {
                let w = &self.model.writes[w];
                (serde_json::json!(w.value).to_string(), w.stamp.clone())
            });
            assert_eq!(self.nodes[node].register(key), expected, "node {node}, key {k} ({key:?})");
        }
    }

    /// Takes a random file from the link's mailbox: delivers it (sometimes leaving it for a second delivery) or
    /// loses it.
    fn deliver(&mut self, rng: &mut Rng, link: (usize, usize)) {
        let Some(files) = self.mailboxes.get_mut(&link) else { return };
        if files.is_empty() {
            return;
        }
        let at = rng.below(files.len());
        if rng.percent(15) {
            let lost = files.remove(at);
            self.log.push(format!("lost {}", lost.path.display()));
            std::fs::remove_file(&lost.path).unwrap();
            return;
        }
        let keep = rng.percent(20);
        let file = if keep {
            InFlight { path: files[at].path.clone(), carries: files[at].carries.clone() }
        } else {
            files.remove(at)
        };
        self.import(link.1, &file);
    }

    /// Delivers every file still waiting, in random order, then a full round: stations up, the office down.
    fn settle(&mut self, rng: &mut Rng) {
        let mut waiting: Vec<(usize, InFlight)> = std::mem::take(&mut self.mailboxes)
            .into_iter()
            .flat_map(|((_, to), files)| files.into_iter().map(move |f| (to, f)))
            .collect();
        while !waiting.is_empty() {
            let (to, file) = waiting.swap_remove(rng.below(waiting.len()));
            self.import(to, &file);
        }
        for (from, to) in (1..NODES).map(|s| (s, OFFICE)).chain((1..NODES).map(|s| (OFFICE, s))) {
            self.export(from, to);
            for file in self.mailboxes.remove(&(from, to)).unwrap_or_default() {
                self.import(to, &file);
            }
        }
    }

    fn check_settled(&self) {
        for node in 0..NODES {
            let meant: BTreeSet<usize> = (0..self.model.writes.len())
                .filter(|&w| self.model.keys[self.model.writes[w].key].shared_with(node))
                .collect();
            assert_eq!(self.model.holds[node], meant, "after settling node {node} holds every write it shares");
        }
        // A station shares the roster and its own visits with the office.
        let visits_of = |station: usize| -> BTreeSet<&str> {
            self.model.keys.iter().filter(|k| k.owner == Some(station)).map(|k| k.entity_id.as_str()).collect()
        };
        let office_state = self.nodes[OFFICE].synced_state();
        let office_conflicts = self.nodes[OFFICE].conflict_rows();
        for station in 1..NODES {
            let own = visits_of(station);
            let shared = |rows: &[(String, String, String)]| -> Vec<String> {
                rows.iter()
                    .filter(|(entity, id, _)| entity != "visit" || own.contains(id.as_str()))
                    .map(|(_, _, row)| row.clone())
                    .collect()
            };
            let all = |rows: Vec<(String, String, String)>| -> Vec<String> { rows.into_iter().map(|r| r.2).collect() };
            assert!(
                all(self.nodes[station].synced_state()) == shared(&office_state),
                "node {station}'s field_state differs from the office's for what they share"
            );
            assert_eq!(
                all(self.nodes[station].conflict_rows()),
                shared(&office_conflicts),
                "node {station}'s conflict rows"
            );
        }
        for (n, node) in self.nodes.iter().enumerate() {
            let mut found: BTreeMap<usize, BTreeSet<(String, Stamp)>> = BTreeMap::new();
            for c in conflicts::unresolved(node.store.conn()).unwrap() {
                let key = self
                    .model
                    .keys
                    .iter()
                    .position(|k| k.entity.as_str() == c.entity && k.entity_id == c.entity_id && k.field == c.field)
                    .unwrap_or_else(|| panic!("node {n}: a conflict on a field nobody edited concurrently: {c:?}"));
                let value = c.losing_value.as_str().unwrap().to_owned();
                found.entry(key).or_default().insert((value, (c.losing_stamp.0.0, c.losing_stamp.1)));
            }
            for (k, key) in self.model.keys.iter().enumerate() {
                let expected = if key.shared_with(n) { self.model.expected_losers(k) } else { BTreeSet::new() };
                assert_eq!(found.remove(&k).unwrap_or_default(), expected, "node {n}: the losing values of key {k}");
            }
        }
    }
}

/// Prints the seed and the steps of a failing schedule.
struct OnFailure<'a> {
    seed: u64,
    log: &'a std::cell::RefCell<Vec<String>>,
}

impl Drop for OnFailure<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("schedule failed: LIAISON_SYNC_SIM_SEED={} LIAISON_SYNC_SIM_CASES=1", self.seed);
            for line in self.log.borrow().iter() {
                eprintln!("  {line}");
            }
        }
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| v.parse().unwrap_or_else(|_| panic!("{name} must be a number")))
}

/// Runs one schedule; returns the number of writes (edits and new visits), of visits and of losing values kept.
fn run_schedule(
    template: &[tempfile::TempDir],
    seed: u64,
    log: &std::cell::RefCell<Vec<String>>,
) -> (usize, usize, usize) {
    let mut rng = Rng(seed);
    let mut schedule = Schedule::start(template);
    let steps = 8 + rng.below(40);
    for _ in 0..steps {
        let station = 1 + rng.below(NODES - 1);
        match rng.below(22) {
            0..=6 => {
                let node = rng.below(NODES);
                schedule.edit(&mut rng, node);
            }
            7 => schedule.new_visit(station),
            20 | 21 => {
                let node = rng.below(NODES);
                schedule.save_new_deputy(&mut rng, node);
            }
            8..=13 => {
                if rng.percent(50) {
                    schedule.export(station, OFFICE)
                } else {
                    schedule.export(OFFICE, station)
                }
            }
            _ => {
                let link = if rng.percent(50) { (station, OFFICE) } else { (OFFICE, station) };
                schedule.deliver(&mut rng, link);
            }
        }
        *log.borrow_mut() = schedule.log.clone();
    }
    schedule.settle(&mut rng);
    *log.borrow_mut() = schedule.log.clone();
    schedule.check_settled();
    let losers = (0..schedule.model.keys.len()).map(|key| schedule.model.expected_losers(key).len()).sum();
    let visits = schedule.model.keys.iter().filter(|k| k.owner.is_some()).count();
    (schedule.model.writes.len() - DEPUTIES.len() * FIELDS.len(), visits, losers)
}

#[test]
fn random_schedules_of_real_bundle_files_converge_with_every_losing_value_kept() {
    let cases = env_u64("LIAISON_SYNC_SIM_CASES").unwrap_or(DEFAULT_CASES);
    let first = env_u64("LIAISON_SYNC_SIM_SEED").unwrap_or(DEFAULT_SEED);
    let started = std::time::Instant::now();
    let template = enrolled_template();
    let enrolled = started.elapsed();
    // The schedules are independent (each starts from its own copy of the template): one worker per core.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4) as u64;
    let totals: Vec<(usize, usize, usize)> = std::thread::scope(|scope| {
        let template = &template;
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    let mut sum = (0, 0, 0);
                    for case in (worker..cases).step_by(workers as usize) {
                        let seed = first.wrapping_add(case);
                        let log = std::cell::RefCell::new(Vec::new());
                        let guard = OnFailure { seed, log: &log };
                        let (e, v, l) = run_schedule(template, seed, &log);
                        sum = (sum.0 + e, sum.1 + v, sum.2 + l);
                        drop(guard);
                    }
                    sum
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a schedule failed (its seed is printed above)")).collect()
    });
    let (edits, visits, losers) = totals.iter().fold((0, 0, 0), |(e, v, l), (e2, v2, l2)| (e + e2, v + v2, l + l2));
    assert!(cases < 10 || losers > 0, "the schedules made concurrent edits");
    eprintln!(
        "{cases} schedules, {edits} writes ({visits} new visits), {losers} losing values kept, in {:.1?} (enrollment {:.1?})",
        started.elapsed(),
        enrolled
    );
}
