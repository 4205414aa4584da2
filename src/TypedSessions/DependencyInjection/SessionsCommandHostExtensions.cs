using Microsoft.Extensions.Hosting;
using TypedSessions.Purging;

namespace TypedSessions;

/// <summary>Runs TypedSessions' maintenance commands from the app's own command line, as Django's <c>manage.py</c> does.</summary>
public static class SessionsCommandHostExtensions
{
    /// <summary>
    /// Runs the <c>sessions</c> command that <paramref name="args"/> name instead of the app, for cron jobs and
    /// deploy scripts. Add one line after <c>builder.Build()</c>:
    /// <code>
    /// var app = builder.Build();
    /// if (await app.RunSessionsCommandAsync(args)) return;
    /// </code>
    /// Then <c>dotnet run -- sessions clear-expired</c> (or <c>dotnet MyApp.dll sessions clear-expired</c>) removes the
    /// expired sessions from the app's configured store (Django's <c>clearsessions</c>), prints
    /// <c>Removed N expired sessions.</c> and exits with code 0; a store failure prints the error and exits with 1; an
    /// unknown or missing subcommand prints the usage to the error output and exits with 2. Configuration switches
    /// such as <c>--ConnectionStrings:Sessions=...</c> may follow the command, as for the app itself. Any other
    /// arguments, or none, leave the app to start as usual. The host is not started, so no hosted service runs.
    /// </summary>
    /// <param name="host">The built app (a <c>WebApplication</c> or any <see cref="IHost"/>), with <c>AddTypedSessions()</c> and a store registered.</param>
    /// <param name="args">The app's command-line arguments; a command is recognised when the first one is <c>sessions</c>.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>
    /// <see langword="true"/> when <paramref name="args"/> named a <c>sessions</c> command, which has run and set
    /// <see cref="Environment.ExitCode"/>: return from <c>Main</c>. <see langword="false"/> otherwise: run the app.
    /// </returns>
    /// <exception cref="InvalidOperationException">A <c>sessions</c> command was given but <c>AddTypedSessions()</c> was not called.</exception>
    public static async Task<bool> RunSessionsCommandAsync(this IHost host, string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        if (await SessionsCommand.RunAsync(host.Services, args, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false) is not { } exitCode)
        {
            return false;
        }

        Environment.ExitCode = exitCode;
        return true;
    }
}
