#pragma once
#include "report/a.hpp"
