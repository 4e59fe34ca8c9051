//! `liaison visit add`: register a visit with its matters, from options or from a JSON file.

use chrono::DateTime;
use liaison_core::Store;
use liaison_core::workflow::{self, CitizenInput, MatterInput, RegisteredVisit, VisitInput};

use crate::Failure;
use crate::args::{VisitAddArgs, VisitCommand};

pub(super) fn run(store: &mut Store, cmd: &VisitCommand, operator: &str, json: bool) -> Result<(), Failure> {
    let VisitCommand::Add(args) = cmd;
    let input = match &args.file {
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|e| Failure::user(format!("{}: {e}", file.display())))?;
            serde_json::from_str(&text).map_err(|e| Failure::user(format!("{}: {e}", file.display())))?
        }
        None => from_options(args)?,
    };
    let visit = store.write(operator, |w| workflow::register(w, &input))?;
    crate::output::emit(json, &visit, print_visit)
}

/// The visit the options describe: one citizen (anonymous without `--citizen`), the matters, one first responder.
fn from_options(args: &VisitAddArgs) -> Result<VisitInput, Failure> {
    let received_at = args
        .received_at
        .as_deref()
        .map(|t| DateTime::parse_from_rfc3339(t).map_err(|e| Failure::user(format!("--received-at {t}: {e}"))))
        .transpose()?;
    let matters = args.matters.iter().map(|m| parse_matter(m, &args.first_responder)).collect::<Result<_, _>>()?;
    Ok(VisitInput {
        station_code: args.station.clone().unwrap_or_default(),
        channel: args.channel.clone(),
        received_at,
        deputies: args.deputies.clone(),
        clerk: args.clerk.clone(),
        citizens: vec![CitizenInput {
            name: args.citizen.clone().unwrap_or_default(),
            anonymous: args.citizen.is_none(),
            phone: args.phone.clone(),
            address: args.address.clone(),
            id_number: args.id_number.clone(),
        }],
        head_count: args.head_count,
        matters,
    })
}

/// "标题|详情|类别[|地点]".
fn parse_matter(text: &str, first_responder: &str) -> Result<MatterInput, Failure> {
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    let [title, detail, category, rest @ ..] = parts.as_slice() else {
        return Err(Failure::user(format!("--matter “{text}”：应为 标题|详情|类别[|地点]")));
    };
    if rest.len() > 1 {
        return Err(Failure::user(format!("--matter “{text}”：最多四段 标题|详情|类别|地点")));
    }
    Ok(MatterInput {
        title: (*title).to_owned(),
        detail: (*detail).to_owned(),
        category: (*category).to_owned(),
        place: rest.first().map(|p| (*p).to_owned()).unwrap_or_default(),
        first_responder: first_responder.to_owned(),
    })
}

fn print_visit(visit: &RegisteredVisit) {
    println!("已登记接待 visit registered: {}", visit.visit_id);
    for m in &visit.matters {
        println!("  事项 matter {}  ({})", m.code, m.id);
    }
}

#[cfg(test)]
mod tests {
    //! The whole workflow headless: a visit with two matters, one answered on the spot and one assigned, moved to
    //! the end of its life through `liaison matter act`, with user errors exiting 1.

    use liaison_core::workflow::{self, MatterFilter, State};

    use crate::testing::run;

    fn station(db: &std::path::Path) {
        crate::testing::station(db, "光明路街道人大代表联络站");
    }

    fn state_of(db: &std::path::Path, code: &str) -> Option<State> {
        let store = liaison_core::Store::open(db).unwrap();
        workflow::show(store.conn(), code, store.deps().clock.now()).unwrap().summary.state
    }

    #[test]
    fn a_visit_and_its_matters_go_through_the_workflow_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("liaison.db");
        station(&db);
        assert_eq!(run(&db, &["unit", "add", "--code", "ZJJ", "--name", "住建局", "--kind", "部门"]), 0);
        let visit = [
            "visit",
            "add",
            "--station",
            "XH-01",
            "--channel",
            "来电",
            "--citizen",
            "李秀英",
            "--phone",
            "13912345678",
            "--matter",
            "路灯不亮|小区门口路灯坏了|城乡建设|光明路",
            "--matter",
            "医保报销|异地就医如何报销|医疗卫生",
        ];
        assert_eq!(run(&db, &visit), 1, "no first responder: refused");
        let with_owner: Vec<&str> = visit.iter().copied().chain(["--first-responder", "张明新", "--json"]).collect();
        assert_eq!(run(&db, &with_owner), 0);
        let store = liaison_core::Store::open(&db).unwrap();
        let matters = workflow::list(store.conn(), &MatterFilter::default(), store.deps().clock.now()).unwrap();
        drop(store);
        assert_eq!(matters.len(), 2);
        let (lamp, insurance) = (matters[1].code.clone(), matters[0].code.clone());
        assert!(lamp.ends_with("-01"), "{lamp}");

        let act = |code: &str, args: &[&str]| {
            let mut all = vec!["matter", "act", code];
            all.extend_from_slice(args);
            run(&db, &all)
        };
        assert_eq!(act(&insurance, &["route", "--to", "on-spot", "--answer", "告知异地备案流程"]), 0);
        assert_eq!(act(&insurance, &["archive"]), 1, "办结后未反馈不能归档");
        assert_eq!(act(&insurance, &["feedback", "--how", "当场告知", "--deputy-told"]), 0);
        assert_eq!(act(&insurance, &["rate", "--rating", "满意"]), 0);
        assert_eq!(act(&insurance, &["archive"]), 0);
        assert_eq!(state_of(&db, &insurance), Some(State::Archived));

        assert_eq!(act(&lamp, &["route", "--to", "assign"]), 0);
        assert_eq!(act(&lamp, &["assign", "--lead", "ZJJ"]), 0);
        assert_eq!(act(&lamp, &["accept"]), 0);
        assert_eq!(act(&lamp, &["extend", "--reason", "需采购灯具"]), 1, "no approver");
        assert_eq!(act(&lamp, &["extend", "--reason", "需采购灯具", "--approver", "站长", "--days", "5"]), 0);
        assert_eq!(act(&lamp, &["handle", "--note", "已报修"]), 0);
        assert_eq!(act(&lamp, &["reply", "--text", "已更换路灯"]), 0);
        assert_eq!(act(&lamp, &["finish", "--summary", "路灯已修复"]), 0);
        assert_eq!(act(&lamp, &["feedback", "--how", "电话"]), 0);
        assert_eq!(act(&lamp, &["rate", "--rating", "不满意"]), 1, "不满意 needs a reason");
        assert_eq!(act(&lamp, &["rate", "--rating", "不满意", "--reason", "仍有一盏不亮"]), 0);
        assert_eq!(state_of(&db, &lamp), Some(State::Rehandling));
        assert_eq!(run(&db, &["matter", "show", &lamp]), 0);
        assert_eq!(run(&db, &["matter", "show", &lamp, "--json"]), 0);
        assert_eq!(run(&db, &["matter", "list", "--state", "重新办理"]), 0);
        assert_eq!(run(&db, &["matter", "list", "--state", "nonsense"]), 1);
        assert_eq!(run(&db, &["matter", "show", "XH-01-19990101-01"]), 1);
    }

    #[test]
    fn a_visit_can_come_from_a_json_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("liaison.db");
        station(&db);
        let file = dir.path().join("visit.json");
        std::fs::write(
            &file,
            r#"{"station_code": "XH-01", "channel": "扫码", "received_at": "2026-03-02T09:30:00+08:00",
                "citizens": [{"anonymous": true}],
                "matters": [{"title": "噪音扰民", "category": "生态环境", "first_responder": "单雄"}]}"#,
        )
        .unwrap();
        assert_eq!(run(&db, &["visit", "add", "--file", file.to_str().unwrap()]), 0);
        assert_eq!(state_of(&db, "XH-01-20260302-01"), Some(State::Registered));
    }
}
