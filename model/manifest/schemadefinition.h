#pragma once

// For the schema*.cpp files only: each field table reads as a list of the type's JSON fields,
//
//   FIELDS(Probe)
//       .add("exec", &Probe::exec)
//       ...
//   END_FIELDS
//
// and expands to the specialisation of fieldsOf<Probe>() built once, on first use. Other layers describe
// their own file formats (scenarios, lessons) the same way with FIELDS_OF(lesson::Step).
#include "schemas.h"

#define FIELDS_OF(Type)                                   \
    template <>                                           \
    const FieldTable<Type>& fieldsOf<Type>()              \
    {                                                     \
        using Self [[maybe_unused]] = Type;               \
        static const FieldTable<Type> table = Fields<Type>()

// The API types' tables: FIELDS(Probe) is FIELDS_OF(api::Probe).
#define FIELDS(Type) FIELDS_OF(api::Type)

#define END_FIELDS \
    .table();      \
    return table;  \
    }
