#pragma once
// grades.json: the whole class in one JSON document, for scripts and for `mixgrade-batch merge`.
//
//   {"assignment": {name, id}, "rubric": {id, version, hash} | null,
//    "counts": {students, graded, passed, failed_to_process, late, not_submitted},
//    "students": [{key, name, lms_user_id, roster: {student, id, sis_user_id, sis_login_id,
//                  section} | null, file, late, layout, warnings[], score, max_score, percent,
//                  passed, error, result}],
//    "not_submitted": [{student, id, sis_user_id, sis_login_id, section}],
//    "warnings": [...]}
//
// score / max_score / percent / passed are null and error is set for a student who could not be
// graded; result is the score JSON as mixgrade-score wrote it (null when there was no file).
#include <nlohmann/json.hpp>

#include "report/class_record.hpp"

namespace mixgrade {

nlohmann::ordered_json grades_json(const ClassReport& report);
// The file's text: dump_json(grades_json(report), 2) byte for byte, but built one student at a
// time, so a class of 10,000 never holds the whole document as a JSON tree (about ten times the
// text's size).
std::string grades_json_text(const ClassReport& report);

}  // namespace mixgrade
