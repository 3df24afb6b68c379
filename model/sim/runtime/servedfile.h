#pragma once

#include "commandcache.h"
#include "containerlog.h"

#include "sim/fs/containerfiles.h"

#include <memory>
#include <string>

namespace podlab::sim::runtime::detail {

// A static file an http-server program (nginx, httpd) served, kept so that the same request is answered again
// without walking the request through the server's model: the kubelet's httpGet probe asks every 10 s. The
// answer depends on the request (method, URL, the headers its access log shows, who sends it), on the process
// that serves it and on the files (by their stamps); it is used only while all of them are what they were.
// Derived data, kept with the container; not part of its value.
struct ServedFile {
    // What was asked, by whom.
    int pid = 0;
    std::string method; // as the request has it ("" is GET)
    std::string url;
    std::string referer; // header values as sent, "" when absent
    std::string userAgent;
    std::string peer;
    // What it was read from: the root file system and mounts, and the file's place among them.
    FilesStamp files;
    bool namesInjected = false; // the path names a file the kubelet injects: served from the container's own copy
    fs::ContainerFiles::Location body;
    // The answer, besides the body and the date.
    int64_t mtimeMs = 0;
    std::string contentType;
    std::shared_ptr<const TimedLine> accessLine; // its access-log line; null when the program writes none
    bool accessToStderr = false;
};

} // namespace podlab::sim::runtime::detail
