#pragma once

// For the schema*.cpp files only: each field table reads as a list of the type's JSON fields,
//
//   FIELDS(Probe)
//       .add("exec", &Probe::exec)
//       ...
//   END_FIELDS
//
// and expands to the specialisation of fieldsOf<Probe>() built once, on first use.
#include "schemas.h"

#define FIELDS(Type)                                      \
    template <>                                           \
    const FieldTable<api::Type>& fieldsOf<api::Type>()    \
    {                                                     \
        using Self [[maybe_unused]] = api::Type;          \
        static const FieldTable<api::Type> table = Fields<api::Type>()

#define END_FIELDS \
    .table();      \
    return table;  \
    }
