using Djinn.Admin.Web.Auth;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class LoginThrottleTests
{
    [Fact]
    public void Failures_beyond_the_limit_lock_only_that_address_and_user_until_the_window_passes()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.Null(throttle.RetryAfter("10.0.0.1", "admin"));
            throttle.RecordFailure("10.0.0.1", "admin");
        }

        Assert.Equal(LoginThrottle.Window, throttle.RetryAfter("10.0.0.1", "ADMIN"));
        Assert.Null(throttle.RetryAfter("10.0.0.2", "admin"));
        Assert.Null(throttle.RetryAfter("10.0.0.1", "other"));

        clock.Advance(LoginThrottle.Window);
        Assert.Null(throttle.RetryAfter("10.0.0.1", "admin"));
    }

    [Fact]
    public void A_successful_login_resets_the_failures()
    {
        var throttle = new LoginThrottle(new ManualClock());
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            throttle.RecordFailure(null, "admin");
        }

        throttle.Reset(null, "admin");

        Assert.Null(throttle.RetryAfter(null, "admin"));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
