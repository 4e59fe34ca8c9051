//! The office's 全部导入 on real files: one batch holds good bundles, a bundle that is verified but must be
//! rejected, and a file that cannot be verified. The rejected bundle rolls its batch back and the batch is redone
//! file by file, so every good bundle is applied, the rejection is in the history with its reason and nothing of
//! it, the unverifiable file is set aside unrecorded, and every station heard from gets its return bundle.

mod common;

use common::{Node, enroll};
use liaison_core::sync::{ImportResult, receipts};
use liaison_core::workflow::{self, CitizenInput, MatterInput, VisitInput};
use liaison_exchange::inbox::{self, Folders, UNVERIFIED_DIR};

/// A visit with one matter at `station`, its first responder the station's deputy.
fn visit(station: &str, responder: &str) -> VisitInput {
    VisitInput {
        station_code: station.into(),
        channel: "来访".into(),
        citizens: vec![CitizenInput { name: "李秀英".into(), ..Default::default() }],
        matters: vec![MatterInput {
            title: "路灯不亮".into(),
            category: "城乡建设".into(),
            first_responder: responder.into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn visits_of(node: &Node) -> i64 {
    node.store.conn().query_row("SELECT COUNT(*) FROM visits", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_rejected_bundle_in_a_batch_leaves_the_others_applied_and_only_its_receipt() {
    let mut office = Node::office();
    let codes = ["XH-01", "XH-02", "XH-03"];
    let mut stations: Vec<Node> = codes.into_iter().map(Node::station).collect();
    for (station, code) in stations.iter_mut().zip(codes) {
        enroll(&mut office, station, code);
    }
    let folders =
        Folders { inbox: office.folder("inbox"), archive: office.folder("archive"), outbox: office.folder("outbox") };
    // XH-01 and XH-03 send a visit each; XH-02's PC records a visit for XH-03, which the office must refuse.
    let writes = [("XH-01", "张明新"), ("XH-03", "李红"), ("XH-03", "赵刚")];
    for (station, (at, responder)) in stations.iter_mut().zip(writes) {
        let op = station.operator();
        station.store.write(&op, |w| workflow::register(w, &visit(at, responder)).map(drop)).unwrap();
        let file = station.export_to(&office);
        std::fs::copy(&file, folders.inbox.join(file.file_name().unwrap())).unwrap();
    }
    std::fs::write(folders.inbox.join("zz-damaged.lzb"), b"LZB1 not a bundle").unwrap();
    let before = receipts::receipts(office.store.conn(), 100).unwrap().len();

    let op = office.operator();
    let mut seen = Vec::new();
    let report = inbox::process(&mut office.store, &office.keys, &op, &folders, &mut |done, total| {
        seen.push((done, total));
        true
    })
    .unwrap();

    assert_eq!(report.files.len(), 4);
    let applied: Vec<&str> = report.files.iter().filter(|f| f.applied()).map(|f| f.file.as_str()).collect();
    assert_eq!(applied.len(), 2, "{report:#?}");
    let rejected: Vec<_> =
        report.files.iter().filter_map(|f| f.receipt.as_ref()).filter(|r| r.result == ImportResult::Rejected).collect();
    assert_eq!(rejected.len(), 1, "{report:#?}");
    assert!(rejected[0].reason.contains("其他联络站的记录"), "{}", rejected[0].reason);
    let refused = report.files.iter().find(|f| f.file == "zz-damaged.lzb").unwrap();
    assert!(refused.receipt.is_none() && refused.refused.is_some());
    assert_eq!(visits_of(&office), 2, "the two good visits, nothing of the refused one");
    assert_eq!(
        receipts::receipts(office.store.conn(), 100).unwrap().len(),
        before + 3,
        "no receipt for the damaged file"
    );
    assert_eq!(report.returns.len(), 2, "a return to each station whose bundle was applied");
    assert_eq!(seen.last(), Some(&(4, 4)));
    assert!(std::fs::read_dir(&folders.inbox).unwrap().next().is_none(), "the inbox is empty");
    assert!(folders.archive.join(UNVERIFIED_DIR).join("zz-damaged.lzb").exists());
}
