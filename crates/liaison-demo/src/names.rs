//! Chinese personal names: surnames weighted by how common they are (the Henan mix, 王 李 张 far ahead), the rare
//! and tricky surnames that search must handle (单 shàn, 曾 zēng, 区 ōu, 尉迟 yùchí …), and given names of one or
//! two characters in the styles of people born 1956–1996.

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::IndexedRandom;

use liaison_core::roster::kinds::Gender;

/// Surnames with a weight roughly proportional to their frequency (per 10,000 people, Henan-leaning).
#[rustfmt::skip]
pub const SURNAMES: &[(&str, u32)] = &[
    ("王", 760), ("李", 730), ("张", 700), ("刘", 540), ("陈", 280), ("杨", 310), ("赵", 260), ("黄", 110),
    ("周", 180), ("吴", 110), ("徐", 140), ("孙", 150), ("胡", 110), ("朱", 120), ("高", 150), ("林", 40), ("何", 60),
    ("郭", 170), ("马", 160), ("罗", 50), ("梁", 80), ("宋", 130), ("郑", 110), ("谢", 55), ("韩", 110), ("唐", 50),
    ("冯", 90), ("于", 70), ("董", 90), ("肖", 30), ("程", 80), ("曹", 90), ("袁", 60), ("邓", 40), ("许", 80),
    ("傅", 20), ("沈", 30), ("曾", 20), ("彭", 40), ("吕", 60), ("苏", 50), ("卢", 50), ("蒋", 35), ("蔡", 40),
    ("贾", 80), ("丁", 60), ("魏", 80), ("薛", 50), ("叶", 30), ("阎", 40), ("余", 30), ("潘", 30), ("杜", 70),
    ("戴", 20), ("夏", 40), ("钟", 15), ("汪", 25), ("田", 70), ("任", 70), ("姜", 50), ("范", 60), ("方", 30),
    ("石", 60), ("姚", 50), ("谭", 15), ("廖", 10), ("邹", 15), ("熊", 20), ("金", 30), ("陆", 15), ("郝", 50),
    ("孔", 40), ("白", 50), ("崔", 60), ("康", 40), ("毛", 40), ("邱", 25), ("秦", 40), ("江", 20), ("史", 50),
    ("顾", 15), ("侯", 50), ("邵", 30), ("孟", 50), ("龙", 10), ("万", 25), ("段", 40), ("雷", 30), ("钱", 15),
    ("汤", 15), ("尹", 30), ("易", 10), ("常", 50), ("武", 50), ("乔", 40), ("贺", 30), ("龚", 10), ("文", 15),
    ("牛", 40), ("樊", 30), ("耿", 25), ("娄", 15), ("申", 25), ("闫", 40), ("岳", 25), ("庞", 20), ("卫", 15),
    ("付", 40), ("苗", 25), ("翟", 20), ("左", 10), ("庄", 5), ("祝", 8), ("单", 6), ("解", 5), ("查", 3), ("仇", 3),
    ("乐", 3), ("缪", 2), ("盖", 3),
];

/// Surnames whose reading or length trips up search; each must appear on the demo roster a few times.
pub const SPECIAL_SURNAMES: &[&str] =
    &["单", "曾", "区", "仇", "解", "朴", "查", "尉迟", "乐", "缪", "覃", "翟", "盖", "万俟"];

/// Full names placed on every demo city's roster so that typing "zmx" finds 张明新 (and a few look-alikes).
pub const ZMX_NAMES: &[(&str, Gender)] = &[
    ("张明新", Gender::Male),
    ("张明新", Gender::Male),
    ("张明霞", Gender::Female),
    ("张明轩", Gender::Male),
    ("张梦溪", Gender::Female),
    ("张满喜", Gender::Male),
];

#[rustfmt::skip]
const MALE_SINGLE: &[&str] = &[
    "伟", "强", "军", "磊", "勇", "杰", "涛", "斌", "超", "鹏", "辉", "刚", "明", "峰", "亮", "飞", "波", "宁", "浩",
    "森", "林", "鑫", "凯", "博", "彬", "健", "毅", "平",
];

#[rustfmt::skip]
const FEMALE_SINGLE: &[&str] = &[
    "静", "丽", "敏", "燕", "艳", "娟", "霞", "芳", "红", "玲", "洁", "颖", "萍", "梅", "琳", "慧", "婷", "莉", "蕾",
    "丹", "倩", "雪",
];

#[rustfmt::skip]
const MALE_FULL: &[&str] = &[
    "建国", "建军", "建华", "建伟", "国强", "国庆", "国华", "志强", "志刚", "志勇", "志明", "卫东", "卫国", "红军",
    "海军", "海涛", "海峰", "永强", "永生", "保国", "新民", "学军", "长青", "春生", "晓东", "晓辉", "振华", "振宇",
    "德明", "文斌", "文杰", "明亮", "明辉", "俊杰", "宏伟", "伟华", "鹏飞", "浩然", "子豪", "家豪", "东升", "金山",
    "满仓", "天明", "立新", "向阳", "跃进", "胜利", "俊峰", "亚东", "利民", "中华", "红旗", "玉山", "占国", "献军",
    "松涛", "朝阳", "新华", "书林", "会军", "留成", "合义", "宝山", "正义", "万里", "广林", "自强", "新峰", "孟轩",
];

#[rustfmt::skip]
const FEMALE_FULL: &[&str] = &[
    "秀英", "桂英", "玉兰", "秀兰", "凤英", "桂兰", "红梅", "丽娟", "丽华", "晓燕", "艳红", "海燕", "春梅", "冬梅",
    "雪梅", "翠花", "淑芬", "美玲", "静怡", "雅琴", "慧敏", "秀云", "玉梅", "爱华", "素珍", "巧云", "彩霞", "红霞",
    "金凤", "小红", "丽萍", "亚萍", "晓丽", "瑞芳", "彦芳", "会芳", "玉霞", "雪琴", "婷婷", "佳琪", "梦瑶", "欣怡",
    "思雨", "晨曦", "美霞", "敏霞", "梦雪", "明秀",
];

#[rustfmt::skip]
const MALE_FIRST: &[&str] = &[
    "建", "国", "志", "海", "永", "晓", "新", "明", "文", "俊", "伟", "宏", "振", "德", "学", "东", "卫", "红", "春",
    "长", "金", "玉", "向", "保", "立", "会", "书", "占", "留", "天", "子", "浩", "家", "嘉", "宇", "一", "满", "茂",
];

#[rustfmt::skip]
const MALE_SECOND: &[&str] = &[
    "军", "华", "民", "强", "伟", "峰", "刚", "涛", "明", "亮", "杰", "斌", "辉", "东", "平", "林", "生", "成", "勇",
    "龙", "飞", "鹏", "超", "磊", "新", "祥", "兴", "旭", "轩", "学", "喜", "鑫", "安", "宾", "江", "山", "波", "洋",
    "宇", "豪", "博", "然",
];

#[rustfmt::skip]
const FEMALE_FIRST: &[&str] = &[
    "秀", "桂", "玉", "丽", "晓", "春", "红", "海", "雪", "美", "静", "慧", "雅", "彩", "金", "淑", "巧", "素", "爱",
    "亚", "艳", "婷", "思", "梦", "欣", "佳", "明", "敏",
];

#[rustfmt::skip]
const FEMALE_SECOND: &[&str] = &[
    "英", "兰", "梅", "娟", "华", "燕", "红", "霞", "芳", "玲", "萍", "琴", "敏", "丽", "云", "珍", "凤", "洁", "颖",
    "婷", "静", "雯", "琳", "莉", "慧", "倩", "瑶", "怡", "璐", "雪", "香", "秀", "欣",
];

/// Draws surnames by frequency and given names by gender.
#[derive(Debug, Clone)]
pub struct NameGen {
    surnames: WeightedIndex<u32>,
}

impl Default for NameGen {
    fn default() -> Self {
        NameGen::new()
    }
}

impl NameGen {
    /// A generator over [`SURNAMES`].
    pub fn new() -> Self {
        let surnames = WeightedIndex::new(SURNAMES.iter().map(|(_, w)| *w)).expect("surname weights are positive");
        NameGen { surnames }
    }

    /// A surname drawn by frequency.
    pub fn surname(&self, rng: &mut impl Rng) -> &'static str {
        SURNAMES[self.surnames.sample(rng)].0
    }

    /// A given name of one or two characters for a person of this gender.
    pub fn given(&self, rng: &mut impl Rng, gender: Gender) -> String {
        let (single, full, first, second) = match gender {
            Gender::Male => (MALE_SINGLE, MALE_FULL, MALE_FIRST, MALE_SECOND),
            Gender::Female => (FEMALE_SINGLE, FEMALE_FULL, FEMALE_FIRST, FEMALE_SECOND),
        };
        let roll = rng.random_range(0..100);
        let pick = |rng: &mut _, list: &[&str]| -> String { (*list.choose(rng).expect("non-empty list")).to_owned() };
        if roll < 22 {
            pick(rng, single)
        } else if roll < 57 {
            pick(rng, full)
        } else {
            let a = pick(rng, first);
            let mut b = pick(rng, second);
            while b == a {
                b = pick(rng, second);
            }
            a + &b
        }
    }

    /// A full name: a surname by frequency (or `surname` when given) and a given name.
    pub fn full(&self, rng: &mut impl Rng, gender: Gender, surname: Option<&str>) -> String {
        let s = surname.unwrap_or_else(|| self.surname(rng)).to_owned();
        s + &self.given(rng, gender)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn names_are_two_to_four_characters_and_common_surnames_dominate() {
        let gen_ = NameGen::new();
        let mut rng = StdRng::seed_from_u64(7);
        let mut wang_li_zhang = 0;
        for i in 0..5_000 {
            let gender = if i % 4 == 0 { Gender::Female } else { Gender::Male };
            let name = gen_.full(&mut rng, gender, None);
            let n = name.chars().count();
            assert!((2..=3).contains(&n), "{name}");
            if ["王", "李", "张"].iter().any(|s| name.starts_with(s)) {
                wang_li_zhang += 1;
            }
        }
        // 王 李 张 together are about a fifth of the weights.
        assert!((700..=1_500).contains(&wang_li_zhang), "{wang_li_zhang}");
        let compound = gen_.full(&mut rng, Gender::Male, Some("尉迟"));
        assert!(compound.starts_with("尉迟") && compound.chars().count() >= 3);
    }
}
