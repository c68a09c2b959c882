using System.Net;
using System.Text;

namespace Ballotline.TrusteeTool.Tests;

/// <summary>
/// Answers every request with one fixed status and body, counting them: for the tool's own checks that must hold
/// whatever a server says (a refusal's message, nothing sent before a check). Conversations with a real server are
/// in Ballotline.Server.Tests.
/// </summary>
internal sealed class AnsweringHandler(HttpStatusCode status, string body) : HttpMessageHandler
{
    private int _requests;

    public int Requests => _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/problem+json"), RequestMessage = request });
    }
}
