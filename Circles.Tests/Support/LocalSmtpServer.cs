using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Circles.Tests.Support;

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd, storing what it receives in a Maildir
/// (installed by .ci/run). The test fails, rather than skips, when it is missing.
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _maildir;

    private LocalSmtpServer(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<LocalSmtpServer> Start()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        // A folder aiosmtpd makes itself: it only lays out a Maildir (cur, new, tmp) in a folder that is not there yet.
        var maildir = Path.Combine(TestPaths.NewTempFolder("smtp"), "maildir");
        var process = Process.Start(new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start python3 -m aiosmtpd");
        var server = new LocalSmtpServer(process, maildir, port);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                Assert.Fail($"aiosmtpd stopped: {await process.StandardError.ReadToEndAsync()} (install python3-aiosmtpd; .ci/run does)");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("aiosmtpd did not start listening");
    }

    public async Task<IReadOnlyList<MimeMessage>> WaitForMessages(int count)
    {
        var folder = Path.Combine(_maildir, "new");
        for (var i = 0; i < 100; i++)
        {
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
            if (files.Length >= count)
            {
                var messages = new List<MimeMessage>();
                foreach (var file in files)
                {
                    messages.Add(await MimeMessage.LoadAsync(file));
                }

                return messages;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Fewer than {count} messages arrived");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
