// Demo only: the course link points at the demo's second host, course.localhost (browsers resolve
// *.localhost to this machine, so it is the same demo server with its own cookies), and the page
// shows what the link carries when the visitor presses it.
const course = document.getElementById('course');
course.href = `${location.protocol}//course.localhost:${location.port}/course-site.html?lesson=1#intro`;
const shown = document.getElementById('course-url');
for (const type of ['pointerdown', 'focus', 'contextmenu']) {
  course.addEventListener(type, () => queueMicrotask(() => (shown.textContent = course.href)));
}
