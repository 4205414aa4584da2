using Microsoft.Extensions.Primitives;
using TypedSessions.Engine;

namespace TypedSessions.Tests.Http;

/// <summary>Every value of the session cookie, read from the raw Cookie header fields the way RFC 6265 and Django split them.</summary>
public sealed class SessionCookieReaderTests
{
    [Theory]
    [InlineData("sessionid=a; sessionid=b", new[] { "a", "b" })]
    [InlineData("x=1;sessionid=a;  sessionid = b ;y=2", new[] { "a", "b" })]
    [InlineData("sessionid=", new[] { "" })]
    [InlineData("sessionid=a=b", new[] { "a=b" })]
    [InlineData("sessionid=\"quoted\"", new[] { "\"quoted\"" })]
    [InlineData("sessionid=a%20b", new[] { "a%20b" })]
    [InlineData("sessionid=a, sessionid=b", new[] { "a, sessionid=b" })]
    [InlineData("sessionid=ab\tc\u0001", new[] { "ab\tc\u0001" })]
    public void Values_come_in_request_order_trimmed_and_otherwise_as_sent(string header, string[] expected)
    {
        Assert.Equal(expected, SessionCookieReader.Read(header, "sessionid"));
        Assert.True(SessionCookieReader.Carries(header, "sessionid"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("other=1")]
    [InlineData("SESSIONID=a; SessionId=b")]
    [InlineData("xsessionid=a; sessionidx=b")]
    [InlineData("sessionid")]
    [InlineData("=sessionid")]
    [InlineData(";;;")]
    public void Headers_without_a_cookie_of_exactly_that_name_give_none(string header)
    {
        Assert.Null(SessionCookieReader.Read(header, "sessionid"));
        Assert.False(SessionCookieReader.Carries(header, "sessionid"));
    }

    [Fact]
    public void Several_header_fields_are_read_in_order()
    {
        Assert.Equal(["a", "b", "c"], SessionCookieReader.Read(new StringValues(["sessionid=a", "x=1", "sessionid=b; sessionid=c"]), "sessionid"));
        Assert.True(SessionCookieReader.Carries(new StringValues(["x=1", "y=2; sessionid=b"]), "sessionid"));
    }

    [Fact]
    public void No_header_gives_none()
    {
        Assert.Null(SessionCookieReader.Read(StringValues.Empty, "sessionid"));
        Assert.False(SessionCookieReader.Carries(StringValues.Empty, "sessionid"));
    }

    [Theory]
    [InlineData("sessionid=abcdefghijklmnopqrstuvwxyz012345", false)]
    [InlineData("x=1; sessionid = abcdefghijklmnopqrstuvwxyz012345 ; other=bad", false)]
    [InlineData("sessionid=abcdefghijklmnopqrstuvwxyz012345; sessionid=bad", true)]
    [InlineData("sessionid=", true)]
    [InlineData("sessionid=ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", true)]
    [InlineData("other=bad; SESSIONID=bad", false)]
    [InlineData("", false)]
    public void A_value_the_key_scheme_never_issues_is_found_without_reading_the_values_out(string header, bool malformed)
        => Assert.Equal(malformed, SessionCookieReader.CarriesMalformed(header, "sessionid", new RandomSessionKeyScheme()));
}
