#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
