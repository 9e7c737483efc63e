//! The checks of questions: each kind's own fields, scales, ranges and
//! options, and the dimensions no question measures.

use std::collections::HashSet;

use super::*;

impl Checker<'_> {
    pub(super) fn questions(
        &mut self,
        questions: &[Option<QuestionDef>],
        ids: &DimensionIds,
        bank_scale: Option<&Scale>,
    ) -> Vec<Question> {
        if questions.is_empty() {
            self.push(
                Problem::new(Code::NoQuestions, "questions", "the bank has no questions")
                    .hint("add questions that score the dimensions"),
            );
        }
        let mut seen = HashMap::new();
        let mut built = Vec::new();
        for (i, question) in questions.iter().enumerate() {
            let Some(q) = question else { continue };
            let at = At::top("questions").index(i);
            self.id(at.key("id"), &q.id);
            self.unique(
                &mut seen,
                &q.id,
                i,
                |i| At::top("questions").index(i),
                "question",
            );
            self.text(at.key("text"), &q.text);
            if let Some(help) = &q.help {
                self.text(at.key("help"), help);
            }
            self.fields_for_kind(at, q);
            if let Some(kind) = self.kind(at, q, ids, bank_scale) {
                built.push(Question {
                    id: q.id.clone(),
                    text: q.text.trim().to_string(),
                    help: q.help.as_ref().map(|h| h.trim().to_string()),
                    kind,
                });
            }
        }
        built
    }

    /// Fields that belong to other kinds are errors, not silently ignored:
    /// an author who writes `options` on a likert question meant something.
    fn fields_for_kind(&mut self, at: At<'_>, q: &QuestionDef) {
        use KindDef::*;
        let present = [
            ("dimension", q.dimension.is_some(), &[Likert, Number][..]),
            ("keyed", q.keyed.is_some(), &[Likert][..]),
            ("weight", q.weight.is_some(), &[Likert, Number][..]),
            ("scale", q.scale.is_some(), &[Likert][..]),
            ("options", q.options.is_some(), &[Choice, Multi][..]),
            ("min", q.min.is_some(), &[Number][..]),
            ("max", q.max.is_some(), &[Number][..]),
            ("unit", q.unit.is_some(), &[Number][..]),
        ];
        for (field, is_present, kinds) in present {
            if is_present && !kinds.contains(&q.kind) {
                let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
                let hint = if q.kind == Choice || q.kind == Multi {
                    if field == "weight" {
                        "an option's `scores` already set how much it counts; remove `weight` or scale the scores".to_string()
                    } else {
                        format!(
                            "remove `{field}`: each option's `scores` name the dimensions it moves"
                        )
                    }
                } else {
                    format!(
                        "`{field}` is for {} questions; remove it or change `kind`",
                        names.join(" and ")
                    )
                };
                self.push(
                    Problem::new(
                        Code::FieldNotForKind,
                        at.key(field),
                        format!("a {} question has no `{field}`", q.kind.name()),
                    )
                    .at_key()
                    .hint(hint),
                );
            }
        }
    }

    fn required<'a, T>(
        &mut self,
        at: At<'_>,
        field: &str,
        value: Option<&'a T>,
        kind: KindDef,
    ) -> Option<&'a T> {
        if value.is_none() {
            self.push(
                Problem::new(
                    Code::MissingField,
                    at,
                    format!("a {} question needs `{field}`", kind.name()),
                )
                .hint(match field {
                    "dimension" => "name the dimension this question scores",
                    "options" => "list at least two options, each with `id`, `text` and `scores`",
                    _ => "number questions need `min` and `max`",
                }),
            );
        }
        value
    }

    fn kind(
        &mut self,
        at: At<'_>,
        q: &QuestionDef,
        ids: &DimensionIds,
        bank_scale: Option<&Scale>,
    ) -> Option<QuestionKind> {
        let dimension_of = |this: &mut Self| -> Option<DimIdx> {
            let id = this.required(at, "dimension", q.dimension.as_ref(), q.kind)?;
            this.dimension_ref(at.key("dimension"), id, ids)
        };
        match q.kind {
            KindDef::Likert => {
                let dimension = dimension_of(self);
                let weight = self.weight(at.key("weight"), q.weight);
                let scale = match &q.scale {
                    Some(points) => self.scale(at.key("scale"), points),
                    None => bank_scale.cloned(),
                };
                Some(QuestionKind::Likert {
                    dimension: dimension?,
                    keyed: match q.keyed.unwrap_or_default() {
                        KeyedDef::Plus => Keyed::Plus,
                        KeyedDef::Minus => Keyed::Minus,
                    },
                    weight,
                    scale: scale?,
                })
            }
            KindDef::Choice | KindDef::Multi => {
                let options = self.options(at, q, ids);
                let options = options?;
                Some(if q.kind == KindDef::Choice {
                    QuestionKind::Choice { options }
                } else {
                    QuestionKind::Multi { options }
                })
            }
            KindDef::Number => {
                let dimension = dimension_of(self);
                let weight = self.weight(at.key("weight"), q.weight);
                let min = self.required(at, "min", q.min.as_ref(), q.kind).copied();
                let max = self.required(at, "max", q.max.as_ref(), q.kind).copied();
                let (min, max) = (min?, max?);
                let finite = self.number(at.key("min"), min) & self.number(at.key("max"), max);
                if finite && min >= max {
                    self.push(
                        Problem::new(
                            Code::BadRange,
                            at.key("max"),
                            format!(
                                "`max` ({}) must be greater than `min` ({})",
                                show(max),
                                show(min)
                            ),
                        )
                        .hint("the answer must be a number from `min` to `max`"),
                    );
                }
                if let Some(unit) = &q.unit {
                    self.text(at.key("unit"), unit);
                }
                Some(QuestionKind::Number {
                    dimension: dimension?,
                    min,
                    max,
                    unit: q.unit.as_ref().map(|u| u.trim().to_string()),
                    weight,
                })
            }
        }
    }

    fn options(
        &mut self,
        at: At<'_>,
        q: &QuestionDef,
        ids: &DimensionIds,
    ) -> Option<Vec<ChoiceOption>> {
        let options = self.required(at, "options", q.options.as_ref(), q.kind)?;
        let options_at = at.key("options");
        if options.len() < 2 {
            self.push(
                Problem::new(
                    Code::TooFewOptions,
                    options_at,
                    format!(
                        "a {} question needs at least two options, this one has {}",
                        q.kind.name(),
                        options.len()
                    ),
                )
                .hint("add options, or make it a likert question"),
            );
        }
        let within = self.within(
            options_at,
            options.len(),
            MAX_OPTIONS,
            "a question",
            "options",
        );
        let mut seen = HashMap::new();
        let mut built = Vec::new();
        for (j, option) in options[..within].iter().enumerate() {
            let here = options_at.index(j);
            self.id(here.key("id"), &option.id);
            self.unique(&mut seen, &option.id, j, |j| options_at.index(j), "option");
            self.text(here.key("text"), &option.text);
            let mut scores = Vec::new();
            for (dimension, &score) in &option.scores {
                let score_at = here.key("scores").key(dimension);
                let index = self.dimension_ref(score_at, dimension, ids);
                if self.number(score_at, score)
                    && let Some(index) = index
                {
                    scores.push((index, score));
                }
            }
            built.push(ChoiceOption {
                id: option.id.clone(),
                text: option.text.trim().to_string(),
                scores,
            });
        }
        Some(built)
    }

    pub(super) fn unmeasured(
        &mut self,
        dimensions: &[Option<DimensionDef>],
        questions: &[Option<QuestionDef>],
    ) {
        let mut measured: HashSet<&str> = HashSet::new();
        for q in questions.iter().flatten() {
            if let Some(d) = &q.dimension {
                measured.insert(d);
            }
            for option in q.options.iter().flatten() {
                measured.extend(option.scores.keys().map(String::as_str));
            }
        }
        let mut reported = HashSet::new();
        for (i, d) in dimensions.iter().enumerate() {
            let Some(d) = d else { continue };
            if !measured.contains(d.id.as_str()) && reported.insert(d.id.as_str()) {
                self.push(
                    Problem::new(
                        Code::UnmeasuredDimension,
                        path::key(&path::index("dimensions", i), "id"),
                        format!("no question measures the dimension `{}`", d.id),
                    )
                    .hint("add questions with `dimension: ` this id (or options that score it), or remove the dimension"),
                );
            }
        }
    }
}
