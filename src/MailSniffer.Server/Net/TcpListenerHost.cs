using System.Net;
using System.Net.Sockets;

namespace MailSniffer.Server.Net;

/// <summary>Accepts connections on one endpoint and runs a handler per connection, bounded in number and idle time.</summary>
public sealed class TcpListenerHost : IAsyncDisposable
{
    private readonly IConnectionHandler _handler;
    private readonly int _maxConnections;
    private readonly TimeSpan _idleTimeout;
    private readonly Action<string>? _log;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _cts = new();
    private readonly List<Task> _sessions = [];
    private int _active;
    private Task? _acceptLoop;

    public TcpListenerHost(IPEndPoint endpoint, IConnectionHandler handler, int maxConnections, TimeSpan idleTimeout, Action<string>? log)
    {
        _handler = handler;
        _maxConnections = maxConnections;
        _idleTimeout = idleTimeout;
        _log = log;
        _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(endpoint);
        _listener.Listen(512);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public void Start() => _acceptLoop = AcceptLoopAsync();

    private async Task AcceptLoopAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            socket.NoDelay = true;
            var task = Task.Run(() => RunAsync(socket));
            lock (_sessions)
            {
                _sessions.RemoveAll(t => t.IsCompleted);
                _sessions.Add(task);
            }
        }
    }

    private async Task RunAsync(Socket socket)
    {
        await using var connection = new LineConnection(socket, _idleTimeout, _cts.Token);
        if (Interlocked.Increment(ref _active) > _maxConnections)
        {
            try
            {
                await connection.WriteLineAsync(_handler.BusyReply);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
            Interlocked.Decrement(ref _active);
            return;
        }
        try
        {
            await _handler.HandleAsync(connection);
        }
        catch (TimeoutException)
        {
            _log?.Invoke($"{_handler.Protocol} {connection.RemoteEndPoint}: idle time-out");
            try
            {
                await connection.WriteLineAsync(_handler.TimeoutReply);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            _log?.Invoke($"{_handler.Protocol} {connection.RemoteEndPoint}: {e.GetType().Name}: {e.Message}");
        }
        catch (Exception e)
        {
            // A bug in one session must not take the server down.
            _log?.Invoke($"{_handler.Protocol} {connection.RemoteEndPoint}: session failed: {e}");
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _listener.Dispose();
        if (_acceptLoop is not null) await _acceptLoop;
        Task[] sessions;
        lock (_sessions) sessions = _sessions.ToArray();
        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _cts.Dispose();
    }
}
