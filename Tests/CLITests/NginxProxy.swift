import Foundation

/// Debian's nginx on a loopback port in front of the daemon, with the project's own location file
/// (`systemd/nginx/ocopsync-locations.conf`): what a province server exposes, tested for real.
struct NginxProxy {
    static let binary: String? = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let locations = OCOPSyncProcess.repository.appendingPathComponent("systemd/nginx/ocopsync-locations.conf")

    let process: Process
    let port: Int
    let directory: URL

    /// Starts nginx on `port`, proxying to the daemon's `upstream` port; waits until it answers.
    /// With `pathPrefix` (`/ocopsync`), the platforms' pushes also come under it and the proxy strips it, as a
    /// province server that serves ocopsync under a path of a shared host does.
    static func start(port: Int, upstream: Int, directory: URL, pathPrefix: String? = nil) async throws -> NginxProxy {
        guard let binary else { throw HarnessFailure("nginx is not installed (scripts/setup installs nginx-light)") }
        let root = directory.appendingPathComponent("nginx")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let conf = root.appendingPathComponent("nginx.conf")
        try """
            worker_processes 1;
            error_log \(root.path)/error.log warn;
            pid \(root.path)/nginx.pid;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path \(root.path)/body;
                proxy_temp_path \(root.path)/proxy;
                fastcgi_temp_path \(root.path)/fastcgi;
                uwsgi_temp_path \(root.path)/uwsgi;
                scgi_temp_path \(root.path)/scgi;
                upstream ocopsync { server 127.0.0.1:\(upstream); }
                server {
                    listen 127.0.0.1:\(port);
                    server_name localhost;
                    \(pathPrefix.map { "location ^~ \($0)/webhooks/ { proxy_pass http://ocopsync/webhooks/; proxy_set_header Host $host; }" } ?? "")
                    include \(locations.path);
                }
            }
            """.write(to: conf, atomically: true, encoding: .utf8)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: binary)
        check.arguments = ["-t", "-q", "-p", root.path, "-e", root.appendingPathComponent("early.log").path, "-c", conf.path]
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            throw HarnessFailure("nginx -t refused the config: \((try? String(contentsOf: root.appendingPathComponent("early.log"), encoding: .utf8)) ?? "")")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", root.path, "-e", root.appendingPathComponent("early.log").path, "-c", conf.path, "-g", "daemon off;"]
        try process.run()
        let proxy = NginxProxy(process: process, port: port, directory: root)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if (try? await HTTPProbe.get("http://127.0.0.1:\(port)/")) != nil { return proxy }
            try await Task.sleep(for: .milliseconds(100))
        }
        proxy.stop()
        throw HarnessFailure("nginx did not answer on \(port)")
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
