#pragma once
// Two files of one room that include each other.
#include "report/b.hpp"
