//! Reads a type from the plain reader's events exactly as `serde_yaml`
//! 0.9 reads it from libyaml's (see its `de.rs`): any scalar is text, a plain
//! one can also be a number or null. Whatever `serde_yaml` would do with more
//! care (unknown fields, self-describing reads, the rarer number forms) is
//! refused, so the caller reads the text with `serde_yaml` instead.

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::{Event, Style};

/// Reads `T` from all of `events`.
pub(super) fn read<T: DeserializeOwned>(events: &[Event<'_>]) -> Option<T> {
    let mut reader = Events { events, pos: 0 };
    let value = T::deserialize(&mut reader).ok()?;
    (reader.pos == events.len()).then_some(value)
}

/// Why the plain read stopped; the caller only needs to know that it did.
#[derive(Debug)]
pub(super) struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_yaml")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Refused
    }
}

struct Events<'e, 'a> {
    events: &'e [Event<'a>],
    pos: usize,
}

impl<'e, 'a> Events<'e, 'a> {
    fn next(&mut self) -> Result<&'e Event<'a>, Refused> {
        let event = self.events.get(self.pos).ok_or(Refused)?;
        self.pos += 1;
        Ok(event)
    }

    /// Steps over the next event if it is `end` (a list's or mapping's).
    fn ends(&mut self, end: &Event<'_>) -> bool {
        let ends = self.events.get(self.pos) == Some(end);
        self.pos += usize::from(ends);
        ends
    }

    /// The next event as a plain scalar's text.
    fn plain(&mut self) -> Result<&'e str, Refused> {
        match self.next()? {
            Event::Scalar(text, Style::Plain) => Ok(text),
            _ => Err(Refused),
        }
    }
}

/// serde_yaml's `parse_null`.
fn is_null(text: &str) -> bool {
    matches!(text, "~" | "null" | "Null" | "NULL")
}

/// serde_yaml's `parse_unsigned_int` for decimal digits; the other forms
/// (`0x`, `0o`, `0b`, a `+`) are refused.
fn unsigned(text: &str) -> Option<u64> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = text.len() > 1 && text.starts_with('0');
    if !digits || leading_zero {
        return None;
    }
    text.parse().ok()
}

/// serde_yaml's `parse_f64`, whole.
fn float(scalar: &str) -> Option<f64> {
    let unpositive = if let Some(unpositive) = scalar.strip_prefix('+') {
        if unpositive.starts_with(['+', '-']) {
            return None;
        }
        unpositive
    } else {
        scalar
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    match unpositive.parse::<f64>() {
        Ok(float) if float.is_finite() => Some(float),
        _ => None,
    }
}

impl<'de> de::Deserializer<'de> for &mut Events<'_, '_> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Refused> {
        Err(Refused)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_u64(unsigned(self.plain()?).ok_or(Refused)?)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_f64(float(self.plain()?).ok_or(Refused)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.next()? {
            Event::Scalar(text, _) => visitor.visit_str(text),
            _ => Err(Refused),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.events.get(self.pos) {
            Some(Event::Scalar(text, Style::Plain)) if text.is_empty() || is_null(text) => {
                self.pos += 1;
                visitor.visit_none()
            }
            Some(_) => visitor.visit_some(self),
            None => Err(Refused),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.next()? {
            Event::SeqStart => visitor.visit_seq(Items(self)),
            _ => Err(Refused),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.next()? {
            Event::MapStart => visitor.visit_map(Entries(self)),
            _ => Err(Refused),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        // A unit variant, named by any scalar.
        match self.next()? {
            Event::Scalar(text, _) => {
                let name: de::value::StrDeserializer<'_, Refused> =
                    text.as_ref().into_deserializer();
                visitor.visit_enum(name)
            }
            _ => Err(Refused),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Refused> {
        // Only an unknown field is ignored, and that is a problem to report.
        Err(Refused)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u128 char bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct
    }
}

struct Items<'r, 'e, 'a>(&'r mut Events<'e, 'a>);

impl<'de> SeqAccess<'de> for Items<'_, '_, '_> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Refused> {
        if self.0.ends(&Event::SeqEnd) {
            return Ok(None);
        }
        seed.deserialize(&mut *self.0).map(Some)
    }
}

struct Entries<'r, 'e, 'a>(&'r mut Events<'e, 'a>);

impl<'de> MapAccess<'de> for Entries<'_, '_, '_> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Refused> {
        if self.0.ends(&Event::MapEnd) {
            return Ok(None);
        }
        seed.deserialize(&mut *self.0).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        seed.deserialize(&mut *self.0)
    }
}
