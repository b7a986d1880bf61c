#pragma once
// A deliberately wrong include: core reaching up into report.
#include "report/page.hpp"
