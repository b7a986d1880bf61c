#pragma once
// Fine on its own.
#include "core/helper.hpp"
