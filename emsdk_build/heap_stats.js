// Linked only when the program enables Mbed heap statistics: malloc and free are then wrapped
// (firmware/mbed/src/mbed_alloc_stats.cpp) and exported as ___wrap_malloc/___wrap_free; the page
// bridge (post.js) keeps calling them by their usual names.
var _malloc = Module['___wrap_malloc'] = function () { return Module['asm']['__wrap_malloc'].apply(null, arguments); };
var _free = Module['___wrap_free'] = function () { return Module['asm']['__wrap_free'].apply(null, arguments); };
